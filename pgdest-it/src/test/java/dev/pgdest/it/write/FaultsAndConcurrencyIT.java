package dev.pgdest.it.write;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Killed connections replay whole batches; concurrent writers never deadlock or lose rows. On every
 * supported major.
 */
@PgdestVersions
@PgdestTest(schema = "faults")
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FaultsAndConcurrencyIT {
  /** Set by the extension for each major. */
  private static TestDestination target;

  private static TableSpec spec(String name) {
    return TableSpec.builder(name).column("id", PgType.BIGINT).column("v", PgType.TEXT).primaryKey("id").build();
  }

  private static int killWriterBackends() {
    return ((Number) target.queryValue("SELECT count(pg_catalog.pg_terminate_backend(pid)) FROM pg_stat_activity"
        + " WHERE usename = ?", target.seedWriter().name())).intValue();
  }

  @Test
  void aConnectionKilledMidBatchIsReplayedWholeAndRowsLandOnce() throws Exception {
    for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.UPSERT)) {
      String table = "killed_" + mode.name().toLowerCase();
      try (Destination dest = Destination.open(target.writerConfigBuilder().batchRows(5000).retryBackoff(Duration.ofMillis(10)).build());
           TableWriter w = dest.writer(spec(table), mode)) {
        List<Integer> retries = new ArrayList<>();
        for (long i = 1; i <= 12_000; i++) {
          w.write(i, "row " + i);
          if (i == 2_500 || i == 7_000) {
            assertThat(killWriterBackends()).as("a writer backend to kill").isPositive();
          }
        }
        WriteResult r = w.commit();
        assertThat(r.retries()).as("%s replays", mode).isGreaterThanOrEqualTo(2);
        assertThat(r.rowsStaged()).isEqualTo(12_000);
      }
      assertThat(Rows.of(target, "SELECT count(*), count(DISTINCT id) FROM faults." + table))
          .as("%s: every row exactly once", mode).containsExactly(List.of(12_000L, 12_000L));
    }
  }

  @Test
  void concurrentUpsertsIntoOneTableNeitherDeadlockNorLoseRows() throws Exception {
    Set<Long> written = ConcurrentHashMap.newKeySet();
    try (Destination dest = Destination.open(target.writerConfigBuilder().batchRows(500).maxPoolSize(4).build())) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<WriteResult>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          Random random = new Random(seed);
          try (TableWriter w = dest.writer(spec("shared"), WriteMode.UPSERT)) {
            for (int i = 0; i < 5_000; i++) {
              long key = random.nextInt(3_000);
              written.add(key);
              w.write(key, "t" + seed + " " + i);
            }
            return w.commit();
          }
        }));
      }
      for (Future<WriteResult> f : results) {
        assertThat(f.get().rowsStaged()).isEqualTo(5_000);
      }
      pool.shutdown();
    }
    assertThat(target.rowCount("shared")).isEqualTo(written.size());
  }
}
