package dev.pgdest.it.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SshTunnel;
import dev.pgdest.SslMode;
import dev.pgdest.internal.DefaultDestination;
import dev.pgdest.ssh.SshKeyPair;
import dev.pgdest.ssh.SshKeys;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.SshBastion;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A destination behind a bastion: a seed-style restricted writer creates its schema and writes
 * through the tunnel, and a batch cut by the bastion dropping every session is replayed whole.
 */
class TunnelDestinationIT {
  private static final String DB = "tunnelled";
  private static final SshKeyPair KEY = SshKeys.generateEd25519();
  private static EmbeddedPostgresServer server;
  private static SshBastion bastion;
  private static WriterUser writer;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedPostgresServer.start();
    server.createDatabase(DB);
    writer = WriterUsers.createSeedWriter(server, DB);
    bastion = SshBastion.builder().permitOpen(server.host(), server.port())
        .authorize(KEY.restrictedAuthorizedKeysLine("pgdest-test", server.host(), server.port())).start();
  }

  @AfterAll
  static void stop() {
    if (bastion != null) {
      bastion.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static DestinationConfig config(String schema) {
    return DestinationConfig.builder().host(server.host()).port(server.port()).database(DB).schema(schema)
        .username(writer.name()).password(writer.password()).sslMode(SslMode.DISABLE)
        .tunnel(SshTunnel.builder().host(bastion.host()).port(bastion.port()).username(bastion.user())
            .privateKeyPem(KEY.privateKey()).knownHosts(bastion.knownHostsLine()).build())
        .build();
  }

  @Test
  void ensureSchemaAndWriteThroughTheTunnel() throws Exception {
    int requestsBefore = bastion.forwardRequests().size();
    try (Destination dest = Destination.open(config("acme_sync"))) {
      dest.ensureSchema();
      try (Connection c = ((DefaultDestination) dest).connection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE acme_sync.users (id bigint PRIMARY KEY, email text)");
        s.execute("INSERT INTO acme_sync.users VALUES (1, 'a@example.com')");
        try (ResultSet rs = s.executeQuery("SELECT email, inet_server_port() FROM acme_sync.users")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("a@example.com");
          assertThat(rs.getInt(2)).isEqualTo(server.port());
        }
      }
    }
    assertThat(bastion.forwardRequests().size()).as("connections forwarded by the bastion")
        .isGreaterThan(requestsBefore);
    Leaks.assertNoTunnelThreads();
  }

  @Test
  void aBatchCutByTheBastionIsReplayedWhole() throws Exception {
    try (Destination dest = Destination.open(config("replay_sync"))) {
      dest.ensureSchema();
      DefaultDestination d = (DefaultDestination) dest;
      try (Connection c = d.connection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE replay_sync.events (id bigint PRIMARY KEY, batch int NOT NULL)");
      }
      writeBatch(d, 1, 0, false);

      int attempts = writeBatch(d, 2, 1000, true);

      assertThat(attempts).as("attempts needed for the cut batch").isGreaterThan(1);
      try (Connection c = d.connection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id), min(id), max(id),"
              + " count(*) FILTER (WHERE batch = 2) FROM replay_sync.events")) {
        rs.next();
        assertThat(rs.getLong(1)).as("rows").isEqualTo(2000);
        assertThat(rs.getLong(2)).as("distinct ids").isEqualTo(2000);
        assertThat(rs.getLong(3)).isZero();
        assertThat(rs.getLong(4)).isEqualTo(1999);
        assertThat(rs.getLong(5)).as("rows of the replayed batch").isEqualTo(1000);
      }
    }
    Leaks.assertNoTunnelThreads();
  }

  /**
   * Writes rows {@code first..first+999} in one transaction, replaying the whole batch on a
   * connection failure as pgdest's write path does; with {@code cut}, the bastion drops every
   * session halfway through the first attempt. Returns the number of attempts.
   */
  private static int writeBatch(DefaultDestination dest, int batch, int first, boolean cut) throws Exception {
    for (int attempt = 1; attempt <= 5; attempt++) {
      try (Connection c = dest.connection()) {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO replay_sync.events VALUES (?, ?)")) {
          for (int i = 0; i < 1000; i++) {
            insert.setLong(1, first + i);
            insert.setInt(2, batch);
            insert.addBatch();
            if (i == 499) {
              insert.executeBatch();
              if (cut && attempt == 1) {
                bastion.killSessions();
              }
            }
          }
          insert.executeBatch();
        }
        c.commit();
        return attempt;
      } catch (SQLException e) {
        if (!"08006".equals(e.getSQLState()) && !"08003".equals(e.getSQLState()) && !e.getSQLState().startsWith("08")) {
          throw e;
        }
      }
    }
    throw new AssertionError("batch " + batch + " did not land in 5 attempts");
  }
}
