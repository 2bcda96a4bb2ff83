package dev.pgdest.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.internal.type.ColumnTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaRulesTest {

  @Test
  void longNamesAreShortenedDeterministicallyWithinSixtyThreeBytes() {
    String longName = "é".repeat(40);
    String a = Identifiers.sqlName(longName, "column");
    assertThat(a.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(a).isEqualTo(Identifiers.sqlName(longName, "column")).matches(".*_[0-9a-f]{8}");
    assertThat(Identifiers.sqlName(longName + "x", "column")).isNotEqualTo(a);
    assertThat(Identifiers.sqlName("short", "column")).isEqualTo("short");
  }

  @Test
  void unusableNamesAreRefused() {
    assertThatThrownBy(() -> TableSpec.builder("")).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> TableSpec.builder("t").column("a\0b", PgType.TEXT)).hasMessageContaining("NUL");
  }

  @Test
  void specRejectsCollisionsAndUnknownKeys() {
    String p = "x".repeat(70);
    // Both shorten to different hashes, so they do not collide; an explicit clash with a short name does.
    String shortened = Identifiers.sqlName(p, "column");
    assertThatThrownBy(() -> TableSpec.builder("t").column(p, PgType.TEXT).column(shortened, PgType.TEXT).build())
        .hasMessageContaining("both become");
    assertThatThrownBy(() -> TableSpec.builder("t").column("a", PgType.TEXT).primaryKey("b").build())
        .hasMessageContaining("\"b\" is not a column");
    TableSpec ok = TableSpec.builder("t").column("id", PgType.BIGINT).primaryKey("id").build();
    assertThat(ok.column("id").orElseThrow().nullable()).as("key columns are NOT NULL").isFalse();
  }

  @Test
  void widenings() {
    assertThat(ColumnTypes.widens(PgType.INTEGER, PgType.BIGINT)).isTrue();
    assertThat(ColumnTypes.widens(PgType.BIGINT, PgType.NUMERIC)).isTrue();
    assertThat(ColumnTypes.widens(PgType.BIGINT, PgType.numeric(18, 0))).isFalse();
    assertThat(ColumnTypes.widens(PgType.varchar(10), PgType.TEXT)).isTrue();
    assertThat(ColumnTypes.widens(PgType.varchar(10), PgType.varchar(5))).isFalse();
    assertThat(ColumnTypes.widens(PgType.TIMESTAMP, PgType.TIMESTAMPTZ)).isTrue();
    assertThat(ColumnTypes.widens(PgType.JSON, PgType.JSONB)).isTrue();
    assertThat(ColumnTypes.widens(PgType.numeric(10, 2), PgType.numeric(12, 4))).isTrue();
    assertThat(ColumnTypes.widens(PgType.numeric(10, 2), PgType.numeric(12, 5))).isFalse();
    assertThat(ColumnTypes.widens(PgType.TEXT, PgType.INTEGER)).isFalse();
    assertThat(ColumnTypes.widens(PgType.BIGINT, PgType.INTEGER)).isFalse();
  }

  @Test
  void parsesFormatTypeOutput() {
    assertThat(ColumnTypes.parse("character varying(20)")).isEqualTo(PgType.varchar(20));
    assertThat(ColumnTypes.parse("numeric(12,2)")).isEqualTo(PgType.numeric(12, 2));
    assertThat(ColumnTypes.parse("timestamp(3) with time zone")).isEqualTo(PgType.TIMESTAMPTZ);
    assertThat(ColumnTypes.parse("uuid[]")).isEqualTo(PgType.arrayOf(PgType.UUID));
    assertThat(ColumnTypes.parse("point")).isNull();
    for (PgType t : new PgType[] {PgType.BOOLEAN, PgType.DOUBLE, PgType.TIME, PgType.TIMESTAMPTZ, PgType.JSONB,
        PgType.numeric(3, 1), PgType.arrayOf(PgType.varchar(4))}) {
      assertThat(ColumnTypes.parse(t.sqlName())).as(t.sqlName()).isEqualTo(t);
    }
  }
}
