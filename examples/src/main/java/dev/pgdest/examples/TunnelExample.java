package dev.pgdest.examples;

import dev.pgdest.CheckReport;
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
import java.sql.Statement;

/**
 * Writes into a PostgreSQL database that is reachable only through an SSH bastion. Both run in
 * this JVM: an embedded server and an in-process bastion that forwards only to it.
 *
 * <p>The steps follow the setup page: the service generates its key pair once and shows the
 * customer the {@code authorized_keys} line; the customer adds it on the bastion and sends back
 * the bastion's address, user and host key fingerprint; the service opens the destination.
 */
public final class TunnelExample {
  private TunnelExample() {}

  public static void main(String[] args) throws Exception {
    // The service, once: its key pair. Keep privateKey() in a secret store.
    SshKeyPair key = SshKeys.generateEd25519();

    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      server.createDatabase("analytics");
      WriterUser writer = WriterUsers.createSeedWriter(server, "analytics");

      // The customer: a bastion that lets this key forward to the database and nowhere else.
      String line = key.restrictedAuthorizedKeysLine("acme-sync", server.host(), server.port());
      System.out.println("Add to ~tunnel/.ssh/authorized_keys on the bastion:\n  " + line);
      System.out.println("Key fingerprint: " + key.fingerprint());
      try (SshBastion bastion = SshBastion.builder().permitOpen(server.host(), server.port()).authorize(line).start()) {
        System.out.println("Bastion host key: " + bastion.hostKeyFingerprint());

        DestinationConfig config = DestinationConfig.builder()
            .host(server.host()).port(server.port())     // as the bastion resolves it
            .database("analytics").schema("acme_sync")
            .username(writer.name()).password(writer.password())
            .sslMode(SslMode.DISABLE)                     // the embedded server has no certificate
            .tunnel(SshTunnel.builder()
                .host(bastion.host()).port(bastion.port()).username(bastion.user())
                .privateKeyPem(key.privateKey())
                .hostKeyFingerprint(bastion.hostKeyFingerprint())
                .build())
            .build();

        try (Destination dest = Destination.open(config)) {
          CheckReport report = dest.check();
          System.out.println(report.render());
          dest.ensureSchema();
          writeRows(dest);
        }
      }
    }
  }

  private static void writeRows(Destination dest) throws Exception {
    try (Connection c = ((DefaultDestination) dest).connection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS acme_sync.users (id bigint PRIMARY KEY, email text)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO acme_sync.users VALUES (?, ?)")) {
        for (long id = 1; id <= 1000; id++) {
          insert.setLong(1, id);
          insert.setString(2, "user" + id + "@example.com");
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM acme_sync.users")) {
        rs.next();
        System.out.println("Rows in acme_sync.users, written through the tunnel: " + rs.getLong(1));
      }
    }
  }
}
