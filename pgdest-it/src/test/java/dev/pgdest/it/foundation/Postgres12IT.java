package dev.pgdest.it.foundation;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static dev.pgdest.it.foundation.Reports.check;
import static dev.pgdest.it.foundation.Reports.item;
import static dev.pgdest.it.foundation.Reports.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PostgreSQL 12 is best effort: the check warns, and everything else still works. */
@PgdestTest(version = 12)
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class Postgres12IT {

  @Test
  void versionIsAWarningAndTheRestPasses(TestDestination dest) throws Exception {
    assertThat(dest.majorVersion()).as("the server under test").isEqualTo(12);

    CheckReport report = check(dest.writerConfigBuilder().connectTimeout(Duration.ofSeconds(5)).build());

    assertThat(statuses(report)).as(report.render()).containsExactly(
        "reachable=PASS", "authenticates=PASS", "database=PASS", "version=WARN", "temporary=PASS",
        "create=PASS", "schema=SKIPPED", "round_trip=PASS", "pooler=PASS", "checkpoints=PASS");
    assertThat(item(report, "version").explanation()).startsWith("PostgreSQL 12.").contains("best-effort");
    assertThat(report.isReady()).isTrue();
  }
}
