package dev.pgdest.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, item 7: a writer shared by threads (documented as not thread-safe) hung in the driver's
 * lock with four threads, and with two landed 5,000 rows twice while reporting a misleading 22P04.
 * Misuse fails fast with an {@link IllegalStateException}; no row is ever doubled and no thread
 * hangs.
 */
@PgdestTest(schema = "reliab")
class SharedWriterIT {
  private static TestDestination target;

  @ParameterizedTest(name = "{0} threads, {1}")
  @CsvSource({"2, APPEND", "4, APPEND", "2, UPSERT", "4, UPSERT"})
  // A separate thread: a hung driver lock ignores interrupts, and the test must fail, not hang.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aWriterSharedByThreadsHangsOrDoublesRows(int threads, WriteMode mode) throws Exception {
    String table = "shared_" + threads + "_" + mode.name().toLowerCase();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(1000).build());
         TableWriter w = dest.writer(Tables.keyed(table), mode)) {
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long base = t * 100_000L;
        done.add(pool.submit(() -> {
          start.await();
          try {
            for (long i = 1; i <= 5000; i++) {
              w.write(base + i, "t" + base);
            }
          } catch (RuntimeException e) {
            failures.add(e);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      try {
        w.commit();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    assertThat(failures).as("concurrent use was detected").isNotEmpty();
    assertThat(failures).as("each misuse fails with a clear IllegalStateException")
        .allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("thread").hasMessageContaining(table));
    List<Long> counts = Tables.counts(target, table);
    assertThat(counts.get(0)).as("no row landed twice").isEqualTo(counts.get(1));
  }
}
