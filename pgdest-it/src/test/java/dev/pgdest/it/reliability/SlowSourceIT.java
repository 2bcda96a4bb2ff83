package dev.pgdest.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11, item 5: with {@code statement_timeout = 1s} on the writer's role, a 40-row batch whose
 * rows arrive slowly failed with 57014, because the batch's COPY stayed open while the caller
 * produced rows. A batch cut by a statement timeout while the caller was thinking is replayed from
 * its journal; it must land whole, once.
 */
@PgdestTest(schema = "reliab")
class SlowSourceIT {

  @ParameterizedTest
  @EnumSource(value = WriteMode.class, names = {"APPEND", "UPSERT", "DELETE"})
  @Timeout(120)
  void slowSourceIsKilledByTheRolesStatementTimeout(WriteMode mode, TestDestination target) {
    String table = "slow_" + mode.name().toLowerCase();
    Tables.seedOne(target, table);
    String writer = target.seedWriter().name();
    target.execute("ALTER ROLE " + quoted(writer) + " SET statement_timeout = '1s'");
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(100).build());
         TableWriter w = dest.writer(Tables.keyed(table), mode)) {
      for (long i = 1; i <= 20; i++) {
        write(w, mode, i);
      }
      // The caller thinks for longer than the statement timeout.
      long thinking = System.nanoTime();
      ServerHooks.await(() -> System.nanoTime() - thinking > 1_500_000_000L, "a think time past the statement timeout");
      for (long i = 21; i <= 40; i++) {
        write(w, mode, i);
      }
      WriteResult r = w.commit();
      assertThat(r.rowsStaged()).isEqualTo(40);
    }
    long expected = mode == WriteMode.DELETE ? 1 : 41;
    assertThat(Tables.counts(target, table)).as("the slow batch landed once").containsExactly(expected, expected);
  }

  private static void write(TableWriter w, WriteMode mode, long id) {
    if (mode == WriteMode.DELETE) {
      w.write(id);
    } else {
      w.write(id, "row " + id);
    }
  }

  static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
