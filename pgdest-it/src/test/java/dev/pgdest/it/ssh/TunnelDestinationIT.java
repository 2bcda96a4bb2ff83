package dev.pgdest.it.ssh;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.ProgressListener;
import dev.pgdest.SshTunnel;
import dev.pgdest.SslMode;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.ssh.SshKeyPair;
import dev.pgdest.ssh.SshKeys;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.SshBastion;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A destination behind a bastion: a seed-style restricted writer checks, creates its schema and
 * loads through the tunnel with the real write path, and batches cut by the bastion dropping every
 * session are replayed whole by the writer, landing every row exactly once.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TunnelDestinationIT {
  private static final int ROWS = 20_000;
  private static final SshKeyPair KEY = SshKeys.generateEd25519();
  /** The database the tunnelled destinations write to. */
  private static TestDestination target;
  private static PostgresServer server;
  private static SshBastion bastion;
  private static WriterUser writer;

  @BeforeAll
  static void start() {
    server = target.server();
    writer = target.seedWriter();
    bastion = SshBastion.builder().permitOpen(server.host(), server.port())
        .authorize(KEY.restrictedAuthorizedKeysLine("pgdest-test", server.host(), server.port())).start();
  }

  @AfterAll
  static void stop() {
    if (bastion != null) {
      bastion.close();
    }
  }

  private static DestinationConfig config(String schema) {
    return config(bastion, server.host(), server.port(), schema);
  }

  /** Batches of 1,000 rows, and quick replays so that the cuts do not slow the suite. */
  private static DestinationConfig config(SshBastion bastion, String host, int port, String schema) {
    return DestinationConfig.builder().host(host).port(port).database(target.database()).schema(schema)
        .username(writer.name()).password(writer.password()).sslMode(SslMode.DISABLE)
        .batchRows(1_000).retryBackoff(Duration.ofMillis(10))
        .tunnel(SshTunnel.builder().host(bastion.host()).port(bastion.port()).username(bastion.user())
            .privateKeyPem(KEY.privateKey()).knownHosts(bastion.knownHostsLine()).build())
        .build();
  }

  @Test
  void upsertCutByTheBastionReplaysTheBatchAndLandsTheLastValues() throws Exception {
    TableSpec users = TableSpec.builder("users").column("id", PgType.BIGINT).column("v", PgType.TEXT)
        .primaryKey("id").build();
    int requestsBefore = bastion.forwardRequests().size();
    try (Destination dest = Destination.open(config("upsert_sync"))) {
      CheckReport report = dest.check();
      assertThat(report.isReady()).as("check through the tunnel:%n%s", report.render()).isTrue();
      dest.ensureSchema();

      WriteResult first = load(dest, users, WriteMode.UPSERT, "first", false);
      assertThat(first.rowsInserted()).as("rows inserted by the first load").isEqualTo(ROWS);

      WriteResult second = load(dest, users, WriteMode.UPSERT, "second", true);
      assertThat(second.retries()).as("batches replayed after the bastion cuts").isGreaterThanOrEqualTo(1);
      assertThat(second.rowsStaged()).isEqualTo(ROWS);
      assertThat(second.rowsUpdated()).as("rows updated by the cut load").isEqualTo(ROWS);
      assertThat(second.rowsInserted()).as("rows inserted by the cut load").isZero();
    }
    assertThat(query("SELECT count(*), count(DISTINCT id), min(id), max(id),"
        + " count(*) FILTER (WHERE v = 'second ' || id) FROM upsert_sync.users"))
        .as("rows, distinct ids, min, max, rows holding the last write's value")
        .containsExactly((long) ROWS, (long) ROWS, 1L, (long) ROWS, (long) ROWS);
    assertThat(bastion.forwardRequests().size()).as("connections forwarded by the bastion")
        .isGreaterThan(requestsBefore);
    Leaks.assertNoTunnelThreads();
  }

  @Test
  void appendCutByTheBastionNeverDoublesABatch() throws Exception {
    // No primary key: a batch landed twice would show as extra rows instead of a key conflict.
    TableSpec events = TableSpec.builder("events").column("id", PgType.BIGINT).column("v", PgType.TEXT).build();
    try (Destination dest = Destination.open(config("append_sync"))) {
      WriteResult r = load(dest, events, WriteMode.APPEND, "only", true);
      assertThat(r.retries()).as("batches replayed after the bastion cuts").isGreaterThanOrEqualTo(1);
      assertThat(r.rowsInserted()).isEqualTo(ROWS);
    }
    assertThat(query("SELECT count(*), count(DISTINCT id), min(id), max(id),"
        + " count(*) FILTER (WHERE v = 'only ' || id) FROM append_sync.events"))
        .as("rows, distinct ids, min, max, rows with their own value")
        .containsExactly((long) ROWS, (long) ROWS, 1L, (long) ROWS, (long) ROWS);
    Leaks.assertNoTunnelThreads();
  }

  @Test
  void appendWhoseCommitReplyIsLostInACutIsNotReplayed() throws Exception {
    // The COMMIT reaches the server, then the bastion drops the session before the reply comes
    // back: only txid_status can tell the writer that replaying would land the batch twice.
    TableSpec events = TableSpec.builder("events").column("id", PgType.BIGINT).column("v", PgType.TEXT).build();
    WriteResult r;
    try (LostCommitRelay relay = new LostCommitRelay(server.host(), server.port());
        SshBastion cutting = SshBastion.builder().permitOpen(relay.host(), relay.port())
            .authorize(KEY.authorizedKeysLine("pgdest-test")).start();
        Destination dest = Destination.open(config(cutting, relay.host(), relay.port(), "settled_sync"))) {
      ProgressListener armAfterFiveBatches = soFar -> {
        if (soFar.batches() == 5) {
          relay.arm(cutting::killSessions);
        }
      };
      try (TableWriter w = dest.writer(events, WriteMode.APPEND, armAfterFiveBatches)) {
        for (long id = 1; id <= ROWS; id++) {
          w.write(id, "only " + id);
        }
        r = w.commit();
      }
      assertThat(relay.swallowed()).as("COMMIT replies lost in the cut").isEqualTo(1);
    }
    assertThat(r.retries()).as("replays of a batch whose COMMIT landed").isZero();
    assertThat(r.batches()).isEqualTo(ROWS / 1_000);
    assertThat(query("SELECT count(*), count(DISTINCT id) FROM settled_sync.events"))
        .as("rows, distinct ids").containsExactly((long) ROWS, (long) ROWS);
    Leaks.assertNoTunnelThreads();
  }

  /**
   * Writes ids 1..ROWS with value {@code "<tag> <id>"}. With {@code cut}, the bastion drops every
   * session twice: from the writing thread halfway through the third batch's COPY, and from
   * another thread once the tenth batch committed, wherever the writer then is.
   */
  private static WriteResult load(Destination dest, TableSpec spec, WriteMode mode, String tag, boolean cut)
      throws Exception {
    List<CompletableFuture<Void>> kills = new ArrayList<>();
    ProgressListener listener = soFar -> {
      if (cut && soFar.batches() == 10) {
        kills.add(CompletableFuture.runAsync(bastion::killSessions));
      }
    };
    WriteResult result;
    try (TableWriter w = dest.writer(spec, mode, listener)) {
      for (long id = 1; id <= ROWS; id++) {
        w.write(id, tag + " " + id);
        if (cut && id == 2_500) {
          bastion.killSessions();
        }
      }
      result = w.commit();
    }
    for (CompletableFuture<Void> kill : kills) {
      kill.get();
    }
    assertThat(kills).as("cuts from another thread").hasSize(cut ? 1 : 0);
    return result;
  }

  private static List<Long> query(String sql) throws Exception {
    try (Connection c = target.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      List<Long> out = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getLong(i));
      }
      return out;
    }
  }
}
