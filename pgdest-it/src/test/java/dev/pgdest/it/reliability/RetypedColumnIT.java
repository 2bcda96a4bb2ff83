package dev.pgdest.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.PgdestException;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, item 4: a column retyped by someone else between two batches of one writer. Binary COPY
 * trusts the client, so a batch encoded for the old type stored garbage (3001 became 1.4827e-320
 * after bigint to double precision) or broke the protocol (integer to bigint, 08P01). A batch must
 * be encoded for the column types of the moment it lands, or fail with a message naming the column;
 * never stored wrong. On the default major, and 12 and 18 (the catalog the check reads).
 */
@PgdestVersions({12, 17, 18})
@PgdestTest(schema = "reliab")
class RetypedColumnIT {
  private static TestDestination target;

  @ParameterizedTest(name = "{0}: {1} retyped to {2}")
  @CsvSource({
      "APPEND, BIGINT, double precision",
      "APPEND, INTEGER, bigint",
      "UPSERT, BIGINT, double precision",
      "UPSERT, INTEGER, bigint",
      "APPEND, BIGINT, numeric"})
  @Timeout(120)
  void aColumnRetypedBetweenBatchesIsNeverWrittenAsGarbage(WriteMode mode, String from, String to) {
    String table = ("retyped_" + mode + "_" + from + "_" + to).toLowerCase().replace(' ', '_');
    PgType type = from.equals("BIGINT") ? PgType.BIGINT : PgType.INTEGER;
    TableSpec spec = TableSpec.builder(table).column("id", PgType.BIGINT).column("n", type).column("v", PgType.TEXT)
        .primaryKey("id").build();
    PgdestException failure = null;
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(1500).maxRetries(1).build());
         TableWriter w = dest.writer(spec, mode)) {
      for (int i = 1; i <= 1500; i++) {
        w.write((long) i, value(type, i), "row " + i);
      }
      target.execute("ALTER TABLE " + target.qualified(table) + " ALTER COLUMN n TYPE " + to);
      try {
        for (int i = 1501; i <= 3000; i++) {
          w.write((long) i, value(type, i), "row " + i);
        }
        w.commit();
      } catch (PgdestException e) {
        failure = e;
      }
    }
    Map<String, Object> stats = target.query("SELECT count(*) AS n, count(*) FILTER (WHERE n::numeric <> id) AS wrong"
        + " FROM " + target.qualified(table)).get(0);
    assertThat(((Number) stats.get("wrong")).longValue()).as("values stored wrong").isZero();
    if (failure == null) {
      assertThat(((Number) stats.get("n")).longValue()).as("both batches landed").isEqualTo(3000L);
    } else {
      assertThat(failure.getMessage()).as("the failure names the retyped column").contains("\"n\"")
          .contains(table);
      assertThat(((Number) stats.get("n")).longValue()).as("the failed batch left the table as it was")
          .isEqualTo(1500L);
    }
  }

  /** The same rule in a sync session, whose APPEND tables are copied straight in and others staged. */
  @ParameterizedTest(name = "sync {0}")
  @CsvSource({"APPEND", "UPSERT"})
  @Timeout(120)
  void aColumnRetypedBetweenSyncCommitsIsNeverWrittenAsGarbage(WriteMode mode) {
    String table = "retyped_sync_" + mode.name().toLowerCase();
    TableSpec spec = TableSpec.builder(table).column("id", PgType.BIGINT).column("n", PgType.BIGINT).primaryKey("id")
        .build();
    PgdestException failure = null;
    try (Destination dest = target.openDestination(target.writerConfigBuilder().maxRetries(1).build());
         SyncSession sync = dest.openSync("retyped-" + mode.name().toLowerCase())) {
      TableChanges t = sync.table(spec, mode);
      for (long i = 1; i <= 100; i++) {
        change(t, mode, i);
      }
      sync.commit(Map.of());
      target.execute("ALTER TABLE " + target.qualified(table) + " ALTER COLUMN n TYPE double precision");
      try {
        for (long i = 101; i <= 200; i++) {
          change(t, mode, i);
        }
        sync.commit(Map.of());
      } catch (PgdestException e) {
        failure = e;
      }
    }
    Map<String, Object> stats = target.query("SELECT count(*) AS n, count(*) FILTER (WHERE n::numeric <> id) AS wrong"
        + " FROM " + target.qualified(table)).get(0);
    assertThat(((Number) stats.get("wrong")).longValue()).as("values stored wrong").isZero();
    if (failure != null) {
      assertThat(failure.getMessage()).contains("\"n\"").contains(table);
      assertThat(((Number) stats.get("n")).longValue()).as("the failed commit left the table as it was").isEqualTo(100L);
    } else {
      assertThat(((Number) stats.get("n")).longValue()).isEqualTo(200L);
    }
  }

  private static void change(TableChanges t, WriteMode mode, long i) {
    if (mode == WriteMode.APPEND) {
      t.append(i, i);
    } else {
      t.upsert(i, i);
    }
  }

  /**
   * Issue 11, item 3, as the server makes it: an 08P01 (the retyped column's COPY data ends short)
   * on a connection the driver keeps open made the writer evict and then close that connection, and
   * the pool's NullPointerException escaped.
   */
  @Test
  @Timeout(120)
  void protocolViolationOnAnOpenConnectionGivesANullPointerException() {
    String table = "npe_on_open_connection";
    TableSpec spec = TableSpec.builder(table).column("id", PgType.BIGINT).column("n", PgType.INTEGER).build();
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(100).maxRetries(1).build());
         TableWriter w = dest.writer(spec, WriteMode.APPEND)) {
      for (int i = 1; i <= 100; i++) {
        w.write((long) i, i);
      }
      target.execute("ALTER TABLE " + target.qualified(table) + " ALTER COLUMN n TYPE bigint");
      Throwable thrown = catchThrowable(() -> {
        for (int i = 101; i <= 200; i++) {
          w.write((long) i, i);
        }
        w.commit();
      });
      if (thrown != null) {
        assertThat(thrown).as("only pgdest's own exceptions reach the caller").isInstanceOf(PgdestException.class);
      }
    }
  }

  private static Object value(PgType type, int i) {
    return type.equals(PgType.BIGINT) ? (Object) (long) i : (Object) i;
  }
}
