package dev.pgdest.examples;

import dev.pgdest.CheckReport;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;

/**
 * The quickstart: a disposable PostgreSQL, a writer user set up the way the destination's setup
 * page says, the permissions check, and the schema. Run it from the repository root with
 * {@code mvn -B -q -Pquickstart -DskipTests verify}.
 *
 * <p>In your own code the server is your customer's and the user is the one their administrator
 * created: only the {@code DestinationConfig} and {@code Destination} parts carry over.
 */
public final class Quickstart {
  private Quickstart() {}

  /** Runs the quickstart; throws if any step fails. */
  public static void main(String[] args) throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      System.out.println("Started PostgreSQL " + server.serverVersion() + " on " + server.host() + ":" + server.port());
      server.createDatabase("analytics");

      // Step 2 of the setup page: what the customer's administrator runs.
      WriterUser writer = WriterUsers.createSeedWriter(server, "analytics");
      System.out.println("An administrator ran:");
      System.out.println("  CREATE USER \"" + writer.name() + "\" PASSWORD '****';");
      System.out.println("  GRANT CREATE, TEMPORARY ON DATABASE \"analytics\" TO \"" + writer.name() + "\";");

      // Step 3: the fields the customer types in.
      DestinationConfig config = DestinationConfig.builder()
          .host(server.host())
          .port(server.port())
          .database("analytics")
          .schema("acme_sync")
          .username(writer.name())
          .password(writer.password())   // any characters: it travels as a property, never in a URL
          // The default is VERIFY_FULL. This server listens on loopback only and has no
          // certificate, so TLS would protect nothing here; never do this across a network.
          .sslMode(SslMode.DISABLE)
          .build();
      System.out.println("Configuration: " + config);   // secrets print as ****

      try (Destination destination = Destination.open(config)) {
        CheckReport before = destination.check();
        System.out.println(before.render());
        if (!before.isReady()) {
          throw new IllegalStateException("the destination is not ready: " + before.firstFailure().orElseThrow());
        }

        destination.ensureSchema();   // CREATE SCHEMA IF NOT EXISTS, safe when several processes race
        CheckReport after = destination.check();
        System.out.println("After ensureSchema():");
        System.out.println(after.render());
        if (!after.isReady()) {
          throw new IllegalStateException("the destination is not ready: " + after.firstFailure().orElseThrow());
        }

        // Next: load rows with destination.writer(tableSpec, WriteMode.UPSERT).
      }
      System.out.println("Quickstart finished.");
    }
  }
}
