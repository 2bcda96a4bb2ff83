package dev.pgdest.it.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.DataException;
import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.ProgressListener;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A writer spreading one table's APPEND batches over several connections, each batch still whole. */
@PgdestTest(schema = "parallel")
class ParallelWriterIT {
  private static TestDestination target;
  private Destination dest;

  @BeforeEach
  void open() {
    target.resetSchema();
    dest = target.openDestination(target.writerConfigBuilder().batchRows(100).build());
  }

  private static TableSpec spec() {
    return TableSpec.builder("t").column("id", PgType.BIGINT).column("v", PgType.TEXT).primaryKey("id").build();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void spreadsBatchesOverConnectionsAndLandsEveryRowOnce() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    long[] lastStaged = new long[1];
    ProgressListener listener = soFar -> {
      threads.add(Thread.currentThread().getName());
      lastStaged[0] = soFar.rowsStaged();
    };
    try (TableWriter w = dest.writer(spec(), WriteMode.APPEND, listener, 2)) {
      for (long i = 1; i <= 10_000; i++) {
        w.write(i, "v" + i);
      }
      WriteResult r = w.commit();
      assertThat(r.rowsStaged()).isEqualTo(10_000);
      assertThat(r.rowsInserted()).isEqualTo(10_000);
      assertThat(r.batches()).isEqualTo(100);
      for (long i = 10_001; i <= 10_050; i++) {
        w.write(i, "again");
      }
      assertThat(w.commit().rowsInserted()).as("usable after a commit").isEqualTo(10_050);
    }
    assertThat(threads).as("batches landed by both connections' threads").hasSize(2);
    assertThat(lastStaged[0]).as("the listener hears the totals of all connections").isEqualTo(10_050);
    assertThat(target.queryValue("SELECT count(DISTINCT id) FROM parallel.t")).isEqualTo(10_050L);
    assertThat(target.queryValue("SELECT count(DISTINCT xmin::text) FROM parallel.t"))
        .as("one transaction per batch").isEqualTo(101L);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRefusedRowFailsTheWriterAndOnlyWholeBatchesLand() {
    TableWriter w = dest.writer(spec(), WriteMode.APPEND, ProgressListener.none(), 2);
    try {
      assertThatThrownBy(() -> {
        for (long i = 1; i <= 1_000; i++) {
          w.write(i, i == 550 ? (Object) 42 : "v" + i);
        }
        w.commit();
      }).isInstanceOf(DataException.class).hasMessageContaining("column \"v\"");
      assertThatThrownBy(() -> w.write(2_000L, "x")).isInstanceOf(IllegalStateException.class);
    } finally {
      w.close();
    }
    long rows = target.rowCount("t");
    assertThat(rows % 100).as("whole batches only: %d rows", rows).isZero();
    assertThat(target.queryValue("SELECT count(*) FROM parallel.t WHERE id BETWEEN 501 AND 600")).isEqualTo(0L);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void closeWithoutCommitDiscardsTheRowsNotCommitted() {
    try (TableWriter w = dest.writer(spec(), WriteMode.APPEND, ProgressListener.none(), 2)) {
      for (long i = 1; i <= 50; i++) {
        w.write(i, "v");
      }
    }
    assertThat(target.rowCount("t")).isZero();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void refusesModesWhoseBatchesMustLandInOrderAndMoreConnectionsThanThePool() {
    assertThatThrownBy(() -> dest.writer(spec(), WriteMode.UPSERT, ProgressListener.none(), 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("APPEND");
    assertThatThrownBy(() -> dest.writer(spec(), WriteMode.APPEND, ProgressListener.none(), 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPoolSize");
    assertThatThrownBy(() -> dest.writer(spec(), WriteMode.APPEND, ProgressListener.none(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    try (TableWriter w = dest.writer(spec(), WriteMode.UPSERT, ProgressListener.none(), 1)) {
      w.write(1L, "one connection is the usual writer");
      assertThat(w.commit().rowsInserted()).isEqualTo(1);
    }
  }
}
