package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableShapesTest {

  private static Change schemaless(Object... nameValues) {
    Map<String, Change.Cell> cells = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      Object v = nameValues[i + 1];
      cells.put((String) nameValues[i], new Change.Cell(SchemalessValues.type(v), v, true));
    }
    return new Change("t", false, cells, List.of("id"));
  }

  @Test
  void learnsTheTableFromTheFirstRecordAndAddsColumnsLater() {
    TableShapes shapes = new TableShapes(RecordConverterTest.settings());
    TableShapes.Fitted first = shapes.fit(schemaless("id", 1L, "name", "a", "later", null));
    assertThat(first.changed()).isTrue();
    assertThat(first.spec().columns()).extracting(TableSpec.Column::name).containsExactly("id", "name");
    assertThat(first.row()).containsOnlyKeys("id", "name");

    assertThat(shapes.fit(schemaless("id", 2L, "name", "b")).changed()).isFalse();

    TableShapes.Fitted third = shapes.fit(schemaless("id", 3L, "later", true));
    assertThat(third.changed()).isTrue();
    assertThat(third.spec().column("later").orElseThrow().type()).isEqualTo(PgType.BOOLEAN);
  }

  @Test
  void wholeNumberColumnWidensToNumericOnAFraction() {
    TableShapes shapes = new TableShapes(RecordConverterTest.settings());
    shapes.fit(schemaless("id", 1L, "n", 5L));
    TableShapes.Fitted f = shapes.fit(schemaless("id", 2L, "n", 2.5));
    assertThat(f.spec().column("n").orElseThrow().type()).isEqualTo(PgType.NUMERIC);
    assertThat(f.row().get("n")).isEqualTo(new BigDecimal("2.5"));
    assertThat(shapes.fit(schemaless("id", 3L, "n", 7L)).changed()).as("numeric takes whole numbers").isFalse();
  }

  @Test
  void textColumnTakesScalarsAndConflictsRefuseTheRecordOnly() {
    TableShapes shapes = new TableShapes(RecordConverterTest.settings());
    shapes.fit(schemaless("id", 1L, "s", "x", "n", 1L));
    assertThat(shapes.fit(schemaless("id", 2L, "s", 42L)).row().get("s")).isEqualTo("42");
    assertThatThrownBy(() -> shapes.fit(schemaless("id", 3L, "n", "text")))
        .isInstanceOf(RecordRejected.class).hasMessageContaining("column \"n\"").hasMessageNotContaining("\"text\"");
    assertThat(shapes.fit(schemaless("id", 4L, "n", 2L)).spec().column("n").orElseThrow().type())
        .as("the refused record changed nothing").isEqualTo(PgType.BIGINT);
  }

  @Test
  void schemaEvolutionOffRefusesNewColumns() {
    TableShapes shapes = new TableShapes(RecordConverterTest.settings("schema.evolution", "false"));
    shapes.fit(schemaless("id", 1L, "a", 1L));
    assertThatThrownBy(() -> shapes.fit(schemaless("id", 2L, "b", 1L)))
        .isInstanceOf(RecordRejected.class).hasMessageContaining("schema.evolution is off");
    assertThatThrownBy(() -> shapes.fit(schemaless("id", 2L, "a", 1.5)))
        .isInstanceOf(RecordRejected.class).hasMessageContaining("schema.evolution is off");
  }

  @Test
  void typedFieldsWidenTheWayTheWritePathDoes() {
    assertThat(Widening.merge(PgType.INTEGER, PgType.BIGINT)).isEqualTo(PgType.BIGINT);
    assertThat(Widening.merge(PgType.BIGINT, PgType.SMALLINT)).isEqualTo(PgType.BIGINT);
    assertThat(Widening.merge(PgType.TIMESTAMP, PgType.TIMESTAMPTZ)).isEqualTo(PgType.TIMESTAMPTZ);
    assertThat(Widening.merge(PgType.TEXT, PgType.BIGINT)).isNull();
    assertThat(Widening.merge(PgType.arrayOf(PgType.INTEGER), PgType.arrayOf(PgType.BIGINT))).isNull();
  }

  @Test
  void versionAndSoftDeleteColumnsReachTheSpec() {
    TableShapes shapes = new TableShapes(RecordConverterTest.settings("version.column", "v", "delete.mode", "soft"));
    TableSpec spec = shapes.fit(schemaless("id", 1L, "v", 10L)).spec();
    assertThat(spec.versionColumn()).contains("v");
    assertThat(spec.softDeleteColumn()).contains("_deleted_at");
    assertThatThrownBy(() -> new TableShapes(RecordConverterTest.settings("version.column", "v")).fit(schemaless("id", 1L)))
        .isInstanceOf(RecordRejected.class).hasMessageContaining("column \"v\"");
  }
}
