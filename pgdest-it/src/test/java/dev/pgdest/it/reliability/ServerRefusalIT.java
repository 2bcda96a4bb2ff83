package dev.pgdest.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgdest.DataException;
import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A value the server refuses is reported with its table, column and row, never its value, and the
 * batch leaves the table as it was. Issue 11, item 8 (invalid JSON named no column) and the
 * merge-time refusals (23502, 23514) that named no row. On the default major, and 12 and 18 (whose
 * JSON parsers differ in details).
 */
@PgdestVersions({12, 17, 18})
@PgdestTest(schema = "reliab")
class ServerRefusalIT {
  private static final String VALUE = "SECRETVALUE";
  private static TestDestination target;

  @ParameterizedTest(name = "{0} into {1}")
  @CsvSource({"APPEND, JSONB", "APPEND, JSON", "UPSERT, JSONB"})
  @Timeout(180)
  void invalidJsonInTheLastRowOfABigBatchNamesNoColumn(WriteMode mode, String type) {
    String table = "json_" + mode.name().toLowerCase() + "_" + type.toLowerCase();
    TableSpec spec = TableSpec.builder(table).column("id", PgType.BIGINT)
        .column("doc", type.equals("JSON") ? PgType.JSON : PgType.JSONB).primaryKey("id").build();
    int rows = 100_000;
    try (Destination dest = target.openDestination(target.writerConfigBuilder().maxRetries(1).build());
         TableWriter w = dest.writer(spec, mode)) {
      w.write(0L, "{\"seed\": true}");
      w.commit();
      DataException e = catchThrowableOfType(DataException.class, () -> {
        for (long i = 1; i <= rows; i++) {
          w.write(i, i == rows ? "{\"k\": " + VALUE + "}" : "{\"k\": " + i + "}");
        }
        w.commit();
      });
      assertThat(e).as("the refusal is a DataException").isNotNull();
      assertThat(e.column()).as("the column is named").isEqualTo("doc");
      assertThat(e.row()).as("the row is the writer's last").hasValue(rows + 1L);
      assertThat(e.getMessage()).contains("\"doc\"").contains(table).doesNotContain(VALUE);
    }
    assertThat(Tables.counts(target, table)).as("the table is as it was").containsExactly(1L, 1L);
  }

  /** A NOT NULL (23502) or CHECK (23514) the target has and the spec does not know, hit in the merge. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "23502, ALTER COLUMN v SET NOT NULL",
      "23514, ADD CONSTRAINT v_is_allowed CHECK (v <> 'bad')"})
  @Timeout(120)
  void mergeTimeRefusalNamesNoRow(String sqlState, String alter) {
    String table = "merge_" + sqlState;
    try (Destination dest = target.openDestination(target.writerConfigBuilder().build())) {
      try (TableWriter w = dest.writer(Tables.keyed(table), WriteMode.APPEND)) {
        w.write(1000L, "seed");
        w.commit();
      }
      target.execute("ALTER TABLE " + target.qualified(table) + " " + alter);
      try (TableWriter w = dest.writer(Tables.keyed(table), WriteMode.UPSERT)) {
        DataException e = catchThrowableOfType(DataException.class, () -> {
          for (long i = 1; i <= 50; i++) {
            w.write(i, i == 37 ? (sqlState.equals("23502") ? null : "bad") : "row " + i);
          }
          w.commit();
        });
        assertThat(e).as("the refusal is a DataException").isNotNull();
        assertThat(e.sqlState()).hasValue(sqlState);
        assertThat(e.row()).as("the row is named").hasValue(37L);
        assertThat(e.getMessage()).contains(table).contains("row 37").doesNotContain("bad\"");
        if (sqlState.equals("23502")) {
          assertThat(e.column()).isEqualTo("v");
        }
      }
    }
    assertThat(Tables.counts(target, table)).as("the table is as it was").containsExactly(1L, 1L);
  }
}
