package dev.pgdest.examples;

import dev.pgdest.CheckReport;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.SshTunnel;
import dev.pgdest.SslMode;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.ssh.SshKeyPair;
import dev.pgdest.ssh.SshKeys;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.SshBastion;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;

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
          writeRows(dest);   // creates the schema and the table, then loads in batches
        }
      }
    }
  }

  private static void writeRows(Destination dest) {
    TableSpec users = TableSpec.builder("users")
        .column("id", PgType.BIGINT).column("email", PgType.TEXT).primaryKey("id").build();
    try (TableWriter writer = dest.writer(users, WriteMode.UPSERT)) {
      for (long id = 1; id <= 1000; id++) {
        writer.write(id, "user" + id + "@example.com");
      }
      WriteResult result = writer.commit();
      System.out.println("Written through the tunnel into acme_sync.users: " + result);
    }
  }
}
