package dev.pgdest.examples;

import dev.pgdest.CheckReport;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.ProgressListener;
import dev.pgdest.SslMode;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.LongStream;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;

/**
 * The quickstart: a disposable PostgreSQL, a writer user set up the way the destination's setup
 * page says, the permissions check, the schema, then a million rows upserted and a changed subset
 * upserted again. Run it from the repository root with {@code mvn -B -q -Pquickstart -DskipTests
 * verify}; an optional argument sets the row count.
 *
 * <p>In your own code the server is your customer's and the user is the one their administrator
 * created: only the {@code DestinationConfig} and {@code Destination} parts carry over.
 */
public final class Quickstart {
  /** The table a sync engine would derive from its source; created on the first write. */
  static final TableSpec USERS = TableSpec.builder("users")
      .column("id", PgType.BIGINT, false)
      .column("email", PgType.TEXT)
      .column("plan", PgType.varchar(16))
      .column("balance", PgType.numeric(12, 2))
      .column("active", PgType.BOOLEAN)
      .column("updated_at", PgType.TIMESTAMPTZ)
      .column("profile", PgType.JSONB)
      .primaryKey("id")
      .build();

  private static final String[] PLANS = {"free", "team", "business", "enterprise"};

  private Quickstart() {}

  /** Runs the quickstart; throws if any step fails. */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
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

        Instant syncStart = Instant.parse("2026-11-24T00:00:00Z");
        System.out.printf("Upserting %,d users...%n", rows);
        WriteResult first = upsert(destination, LongStream.range(0, rows), 1, syncStart);
        print("First sync", first);

        // The next sync sees every 20th user changed and 5% new users.
        int changed = rows / 20;
        System.out.printf("Upserting %,d changed and %,d new users...%n", changed, changed);
        LongStream changedThenNew = LongStream.concat(
            LongStream.range(0, rows).filter(id -> id % 20 == 0), LongStream.range(rows, rows + changed));
        WriteResult second = upsert(destination, changedThenNew, 2, syncStart.plusSeconds(3600));
        print("Second sync", second);
      }
      System.out.println("Quickstart finished.");
    }
  }

  /** Upserts the users with these ids; {@code version} changes their values from one sync to the next. */
  private static WriteResult upsert(Destination destination, LongStream ids, int version, Instant at) {
    ProgressListener progress =
        soFar -> System.out.printf("  committed %,d rows in %d batches%n", soFar.rowsStaged(), soFar.batches());
    try (TableWriter writer = destination.writer(USERS, WriteMode.UPSERT, progress)) {
      ids.forEach(id -> writer.write(
          id,
          "user" + id + "@example.com",
          PLANS[(int) ((id + version) % PLANS.length)],
          BigDecimal.valueOf(id % 100_000 + version, 2),
          id % 7 != 0,
          at.plusMillis(id),
          "{\"signup\": \"web\", \"score\": " + (id % 1000 + version) + "}"));
      return writer.commit();
    }
  }

  private static void print(String title, WriteResult r) {
    System.out.printf("%s: %,d rows staged, %,d inserted, %,d updated, %,d values sanitized, %,d bytes sent,"
            + " %d batches, %d retries, %d ms (copy %d ms, merge %d ms)%n",
        title, r.rowsStaged(), r.rowsInserted(), r.rowsUpdated(), r.valuesSanitized(), r.bytesSent(), r.batches(),
        r.retries(), r.totalTime().toMillis(), r.copyTime().toMillis(), r.mergeTime().toMillis());
  }
}
