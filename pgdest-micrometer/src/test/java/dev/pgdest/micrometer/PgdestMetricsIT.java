package dev.pgdest.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.DataException;
import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The meters, read from a {@link SimpleMeterRegistry} after real writes into an embedded server. */
@PgdestTest
class PgdestMetricsIT {

  private static final TableSpec USERS = TableSpec.builder("users").column("id", PgType.BIGINT)
      .column("email", PgType.TEXT).primaryKey("id").build();

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void countsRowsBytesBatchesRejectsAndPhasesPerTable(TestDestination dest) {
    MeterRegistry registry = new SimpleMeterRegistry();
    WriteResult result;
    try (Destination d = Destination.open(dest.writerConfigBuilder().batchRows(100)
        .observer(PgdestMetrics.of(registry, Tags.of("destination", "acme"))).build());
        TableWriter w = d.writer(USERS, WriteMode.UPSERT)) {
      for (long i = 1; i <= 250; i++) {
        w.write(i, "user" + i + "@example.com");
      }
      result = w.commit();
      try (TableWriter refused = d.writer(USERS, WriteMode.UPSERT)) {
        assertThatThrownBy(() -> refused.write("not a number", "x")).isInstanceOf(DataException.class);
      }
    }
    assertThat(result.batches()).isEqualTo(3);
    // The names are a contract with users' dashboards: spelled out here, not read from MeterNames.
    assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).contains("pgdest.rows", "pgdest.bytes",
        "pgdest.batches", "pgdest.rejects", "pgdest.phase");
    Tags users = Tags.of("destination", "acme", "table", "users");
    assertThat(registry.get(MeterNames.ROWS).tags(users).tag("operation", "staged").counter().count()).isEqualTo(250);
    assertThat(registry.get(MeterNames.ROWS).tags(users).tag("operation", "inserted").counter().count())
        .isEqualTo(result.rowsInserted());
    assertThat(registry.get(MeterNames.BATCHES).tags(users).counter().count()).isEqualTo(3);
    assertThat(registry.get(MeterNames.BYTES).tags(users).counter().count()).isEqualTo(result.bytesSent()).isPositive();
    assertThat(registry.get(MeterNames.REJECTS).tags(users).counter().count()).isEqualTo(1);
    for (String phase : new String[] {"schema", "copy", "merge", "commit"}) {
      assertThat(registry.get(MeterNames.PHASE).tags(users).tag("phase", phase).timer().count())
          .as("batches timed in phase %s", phase).isPositive();
    }
    assertThat(registry.get(MeterNames.PHASE).tags(users).tag("phase", "copy").timer().totalTime(TimeUnit.NANOSECONDS))
        .isEqualTo((double) result.copyTime().toNanos());
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void countsReplaysAfterAKilledConnection(TestDestination dest) {
    MeterRegistry registry = new SimpleMeterRegistry();
    WriteResult result;
    try (Destination d = Destination.open(dest.writerConfigBuilder().batchRows(5000)
        .retryBackoff(Duration.ofMillis(10)).observer(PgdestMetrics.of(registry)).build());
        TableWriter w = d.writer(USERS, WriteMode.UPSERT)) {
      for (long i = 1; i <= 3000; i++) {
        w.write(i, "u" + i);
        if (i == 1500) {
          assertThat(dest.queryValue("SELECT count(pg_catalog.pg_terminate_backend(pid)) FROM pg_stat_activity"
              + " WHERE usename = ?", dest.seedWriter().name())).as("writer backends killed").isNotEqualTo(0L);
        }
      }
      result = w.commit();
    }
    assertThat(result.retries()).isPositive();
    assertThat(registry.get(MeterNames.RETRIES).tag("table", "users").counter().count()).isEqualTo(result.retries());
    assertThat(dest.rowCount("users")).isEqualTo(3000);
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void exposesThePoolThroughHikariCpsTracker(TestDestination dest) {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (Destination d = Destination.open(dest.writerConfigBuilder().observer(PgdestMetrics.of(registry)).build());
        TableWriter w = d.writer(USERS, WriteMode.APPEND)) {
      w.write(1L, "a@example.com");
      w.commit();
      assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
          .contains("hikaricp.connections", "hikaricp.connections.active", "hikaricp.connections.acquire");
      Meter pool = registry.get("hikaricp.connections").meter();
      assertThat(pool.getId().getTag("pool")).startsWith("pgdest-");
    }
  }
}
