package dev.pgdest.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The type rules issue 11 asked to state, pinned: each as documented in {@link PgType}. */
@PgdestTest(schema = "reliab")
class TypeRulesIT {
  private static TestDestination target;

  /**
   * An existing {@code text} column under a {@code varchar(5)} spec: the table decides. The spec's
   * type is what the table must hold at least; a wider column is kept and its values are not cut
   * or refused to fit the spec.
   */
  @Test
  @Timeout(60)
  void existingTextColumnUnderVarcharSpecDoesNotEnforceTheLimit() {
    String table = "text_under_varchar";
    try (Destination dest = target.openDestination()) {
      try (TableWriter w = dest.writer(TableSpec.builder(table).column("id", PgType.BIGINT)
          .column("code", PgType.TEXT).primaryKey("id").build(), WriteMode.APPEND)) {
        w.write(1L, "short");
        w.commit();
      }
      try (TableWriter w = dest.writer(TableSpec.builder(table).column("id", PgType.BIGINT)
          .column("code", PgType.varchar(5)).primaryKey("id").build(), WriteMode.APPEND)) {
        w.write(2L, "longer than five");
        w.commit();
      }
    }
    assertThat(target.queryValue("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = ?::regclass"
        + " AND attname = 'code'", target.qualified(table))).as("the column stays text").isEqualTo("text");
    assertThat(target.queryValue("SELECT code FROM " + target.qualified(table) + " WHERE id = 2"))
        .isEqualTo("longer than five");
  }

  /** A {@code LocalDateTime} written into {@code timestamptz} is read as UTC, whatever the JVM's zone. */
  @Test
  @Timeout(60)
  void localDateTimeIntoTimestamptzIsReadAsUtc() {
    String table = "naive_into_tz";
    LocalDateTime naive = LocalDateTime.of(2024, 3, 31, 1, 30);
    try (Destination dest = target.openDestination();
         TableWriter w = dest.writer(TableSpec.builder(table).column("id", PgType.BIGINT)
             .column("at", PgType.TIMESTAMPTZ).primaryKey("id").build(), WriteMode.APPEND)) {
      w.write(1L, naive);
      w.commit();
    }
    Object epoch = target.queryValue("SELECT extract(epoch FROM at)::bigint FROM " + target.qualified(table));
    assertThat(((Number) epoch).longValue()).isEqualTo(Instant.parse("2024-03-31T01:30:00Z").getEpochSecond());
  }
}
