package dev.pgdest.it.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * UPSERT into an existing table its first batch finds empty copies straight in, as into a table
 * the writer created; a table with rows is merged (issue: an existing empty table was always
 * staged and merged). Whether a TEMP stage exists tells which ran.
 */
@PgdestTest(schema = "probe")
class UpsertIntoEmptyTableIT {
  private static TestDestination target;
  private Destination dest;

  @BeforeEach
  void open() {
    target.resetSchema();
    dest = target.openDestination(target.writerConfigBuilder().batchRows(5).build());
    target.execute("CREATE SCHEMA probe");
    target.execute("GRANT ALL ON SCHEMA probe TO \"" + target.seedWriter().name() + "\"");
    target.execute("CREATE TABLE probe.t (a text, b integer, d date, v text, PRIMARY KEY (a, b, d))");
    target.execute("ALTER TABLE probe.t OWNER TO \"" + target.seedWriter().name() + "\"");
  }

  private static TableSpec spec() {
    return TableSpec.builder("t").column("a", PgType.TEXT).column("b", PgType.INTEGER).column("d", PgType.DATE)
        .column("v", PgType.TEXT).primaryKey("a", "b", "d").build();
  }

  private long stages() {
    return ((Number) target.queryValue("SELECT count(*) FROM pg_class WHERE relpersistence = 't'"
        + " AND relname LIKE 'pgdest_stage%'")).longValue();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anEmptyExistingTableIsCopiedStraightIntoAcrossBatches() {
    LocalDate day = LocalDate.of(2024, 1, 1);
    try (TableWriter w = dest.writer(spec(), WriteMode.UPSERT)) {
      for (int i = 0; i < 12; i++) {
        w.write("k" + i, i, day, "v" + i);
      }
      WriteResult r = w.commit();
      assertThat(r.rowsInserted()).isEqualTo(12);
      assertThat(stages()).as("no TEMP stage: copied straight in").isZero();
    }
    assertThat(target.rowCount("t")).isEqualTo(12);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aTableWithRowsIsMergedAndInBatchDuplicatesOfACompositeKeyKeepTheLast() {
    LocalDate day = LocalDate.of(2024, 1, 1);
    target.execute("INSERT INTO probe.t VALUES ('k0', 0, '2024-01-01', 'old')");
    try (TableWriter w = dest.writer(spec(), WriteMode.UPSERT)) {
      w.write("k0", 0, day, "first");
      w.write("k1", 1, day, "first");
      w.write("k0", 0, day, "last");
      WriteResult r = w.commit();
      assertThat(stages()).as("merged through a TEMP stage").isPositive();
      assertThat(r.rowsInserted()).isEqualTo(1);
      assertThat(r.rowsUpdated()).isEqualTo(1);
    }
    assertThat(target.query("SELECT a, v FROM probe.t ORDER BY a").stream().map(m -> m.get("a") + "=" + m.get("v"))
        .toList()).isEqualTo(List.of("k0=last", "k1=first"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void inBatchDuplicatesIntoAnEmptyExistingTableKeepTheLast() {
    LocalDate day = LocalDate.of(2024, 1, 1);
    try (TableWriter w = dest.writer(spec(), WriteMode.UPSERT)) {
      for (int i = 0; i < 12; i++) {
        w.write("k" + (i % 4), i % 4, day, "v" + i);
      }
      w.commit();
    }
    assertThat(target.query("SELECT a, v FROM probe.t ORDER BY a").stream().map(m -> m.get("a") + "=" + m.get("v"))
        .toList()).isEqualTo(List.of("k0=v8", "k1=v9", "k2=v10", "k3=v11"));
  }
}
