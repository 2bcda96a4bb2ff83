package dev.pgdest.it.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A connection the server closes while a writer holds it idle is replaced silently. */
@PgdestVersions
@PgdestTest(schema = "idle")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IdleConnectionIT {
  /** Set by the extension for each major. */
  private static TestDestination target;

  private long writerBackends() {
    return ((Number) target.queryValue("SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND datname = ?",
        target.seedWriter().name(), target.database())).longValue();
  }

  // Issue: idle_session_timeout between two batches ended the writer with 57P05.
  @Test
  void anIdleSessionTimeoutBetweenBatchesIsNeitherAFailureNorAReplay() throws Exception {
    assumeTrue(target.majorVersion() >= 14, "idle_session_timeout exists from PostgreSQL 14 on");
    String role = "\"" + target.seedWriter().name() + "\"";
    target.execute("ALTER ROLE " + role + " IN DATABASE \"" + target.database() + "\" SET idle_session_timeout = '300ms'");
    try (Destination dest = Destination.open(target.writerConfigBuilder().batchRows(10).build());
         TableWriter w = dest.writer(TableSpec.builder("t").column("id", PgType.BIGINT).primaryKey("id").build(),
             WriteMode.UPSERT)) {
      for (long i = 1; i <= 10; i++) {
        w.write(i);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (writerBackends() > 0) { // the server ends the writer's idle session
        assertThat(System.nanoTime()).as("the idle session ends").isLessThan(deadline);
        Thread.onSpinWait();
      }
      for (long i = 11; i <= 20; i++) {
        w.write(i);
      }
      WriteResult r = w.commit();
      assertThat(r.retries()).as("replacing a connection closed while idle is no replay").isZero();
      assertThat(r.batches()).isEqualTo(2);
    } finally {
      target.execute("ALTER ROLE " + role + " IN DATABASE \"" + target.database() + "\" RESET idle_session_timeout");
    }
    assertThat(target.rowCount("t")).isEqualTo(20);
  }
}
