package dev.pgdest.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgdest.Destination;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11, item 6: a connection the server closed while it sat idle between batches
 * ({@code idle_session_timeout}, 57P05, PostgreSQL 14+) ended the writer instead of being replaced.
 * On the default major, and 12 and 18 (where 12 has no such setting and skips).
 */
@PgdestTest(schema = "reliab")
class IdleTimeoutIT {

  @PgdestVersions({12, 17, 18})
  @Timeout(120)
  void idleSessionTimeoutBetweenBatchesEndsTheWriter(TestDestination target) {
    assumeTrue(target.majorVersion() >= 14, "idle_session_timeout exists from PostgreSQL 14 on");
    String writer = target.seedWriter().name();
    for (WriteMode mode : new WriteMode[] {WriteMode.APPEND, WriteMode.UPSERT, WriteMode.REPLACE}) {
      String table = "idle_" + mode.name().toLowerCase();
      target.execute("ALTER ROLE " + SlowSourceIT.quoted(writer) + " RESET ALL");
      Tables.seedOne(target, table);
      target.execute("ALTER ROLE " + SlowSourceIT.quoted(writer) + " SET idle_session_timeout = '300ms'");
      try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(10).build());
           TableWriter w = dest.writer(Tables.keyed(table), mode)) {
        for (long i = 1; i <= 10; i++) {
          w.write(i, "row " + i);
        }
        ServerHooks.await(() -> target.query("SELECT 1 FROM pg_catalog.pg_stat_activity WHERE usename = ?"
            + " AND datname = current_database()", writer).isEmpty(), "the server to close the idle writer");
        for (long i = 11; i <= 20; i++) {
          w.write(i, "row " + i);
        }
        WriteResult r = w.commit();
        assertThat(r.rowsStaged()).as(mode.name()).isEqualTo(20);
      }
      long expected = mode == WriteMode.REPLACE ? 20 : 21;
      assertThat(Tables.counts(target, table)).as("%s: each row once", mode).containsExactly(expected, expected);
    }
  }

  /**
   * A batch whose rows arrive slowly must not die of {@code idle_in_transaction_session_timeout}
   * (25P03) either: a writer that holds a transaction open across the caller's think time is
   * idle in it.
   */
  @PgdestVersions({12, 17, 18})
  @Timeout(120)
  void slowSourceUnderIdleInTransactionTimeoutLandsOnce(TestDestination target) {
    String writer = target.seedWriter().name();
    String table = "idle_in_tx";
    Tables.seedOne(target, table);
    target.execute("ALTER ROLE " + SlowSourceIT.quoted(writer) + " SET idle_in_transaction_session_timeout = '300ms'");
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(100).build());
         TableWriter w = dest.writer(Tables.keyed(table), WriteMode.UPSERT)) {
      for (long i = 1; i <= 10; i++) {
        w.write(i, "row " + i);
      }
      long thinking = System.nanoTime();
      ServerHooks.await(() -> System.nanoTime() - thinking > 800_000_000L, "a think time past the idle timeout");
      for (long i = 11; i <= 20; i++) {
        w.write(i, "row " + i);
      }
      assertThat(w.commit().rowsStaged()).isEqualTo(20);
    }
    assertThat(Tables.counts(target, table)).containsExactly(21L, 21L);
  }
}
