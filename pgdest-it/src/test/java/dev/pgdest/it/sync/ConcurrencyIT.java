package dev.pgdest.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sessions that change the same rows of the same tables at once, naming the tables in opposite
 * orders, never deadlock and never fail: the commit merges tables in a fixed order. Each
 * session's own checkpoint key ends at its last position.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM, schema = "concurrency")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConcurrencyIT {
  private static final TableSpec LEFT = TableSpec.builder("left").column("id", PgType.BIGINT)
      .column("who", PgType.TEXT).primaryKey("id").build();
  private static final TableSpec RIGHT = TableSpec.builder("right").column("id", PgType.BIGINT)
      .column("who", PgType.TEXT).primaryKey("id").build();
  private static final int SESSIONS = 4;
  private static final int COMMITS = 15;
  private static final int KEYS = 200;

  private TestDestination dest;

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void sessionsOnTheSameRowsInOppositeTableOrderAllCommit(WriterKind writer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    try (Destination d = dest.openDestination(writer.configBuilder(dest).maxPoolSize(SESSIONS + 1).build())) {
      CyclicBarrier round = new CyclicBarrier(SESSIONS);
      List<Future<?>> done = new ArrayList<>();
      for (int n = 0; n < SESSIONS; n++) {
        int me = n;
        done.add(pool.submit(() -> {
          try (SyncSession s = d.openSync("concurrency")) {
            s.claim("worker-" + me);
            List<TableChanges> tables = me % 2 == 0 ? List.of(s.table(LEFT), s.table(RIGHT))
                : List.of(s.table(RIGHT), s.table(LEFT));
            for (int c = 1; c <= COMMITS; c++) {
              for (TableChanges t : tables) {
                // Every session touches every key, in an order of its own: the worst case for row locks.
                for (int k = 0; k < KEYS; k++) {
                  long id = me % 2 == 0 ? k + 1 : KEYS - k;
                  t.upsert(id, "worker " + me + " commit " + c);
                }
              }
              round.await(30, TimeUnit.SECONDS);
              s.commit(Map.of("worker-" + me, String.valueOf(c)));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(80, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(dest.rowCount("left")).isEqualTo(KEYS);
    assertThat(dest.rowCount("right")).isEqualTo(KEYS);
    assertThat(dest.queryValue("SELECT count(DISTINCT who) FROM (SELECT who FROM " + dest.qualified("left")
        + " UNION ALL SELECT who FROM " + dest.qualified("right") + ") w"))
        .as("every row of both tables was last written by the same commit: units do not interleave").isEqualTo(1L);
    Map<String, String> positions = Checkpoints.positions(dest, "concurrency");
    assertThat(positions).hasSize(SESSIONS).allSatisfy((k, p) -> assertThat(p).isEqualTo(String.valueOf(COMMITS)));
  }
}
