package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.TableSpec;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class StructPlansTest {
  private static final Schema KEY = SchemaBuilder.struct().name("k").field("id", Schema.INT64_SCHEMA).build();
  private static final Schema VALUE = SchemaBuilder.struct().name("v")
      .field("id", Schema.OPTIONAL_INT64_SCHEMA)
      .field("name", Schema.OPTIONAL_STRING_SCHEMA)
      .field("price", Decimal.builder(2).optional().build())
      .field("at", Timestamp.builder().optional().build())
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
      .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build())
      .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
      .build();

  private static SinkRecord record(long id, Object keyId, String name) {
    Struct v = new Struct(VALUE).put("id", 999L).put("name", name).put("price", new BigDecimal("1.25"))
        .put("at", new Date(1_700_000_000_000L)).put("tags", List.of("a", "b")).put("attrs", Map.of("x", 1))
        .put("tiny", (byte) 3);
    Struct k = keyId == null ? null : new Struct(KEY).put("id", keyId);
    return new SinkRecord("orders", 0, KEY, k, VALUE, v, id);
  }

  /** The row the full way gives, by the spec's column order. */
  private static Object[] fullWay(SinkSettings settings, TableShapes shapes, SinkRecord r) {
    TableShapes.Fitted f = shapes.fit(new RecordConverter(settings).convert(r));
    TableSpec spec = f.spec();
    Object[] row = new Object[spec.columns().size()];
    f.row().forEach((name, value) -> row[spec.indexOf(name)] = value);
    return row;
  }

  @Test
  void planGivesTheRowOfTheFullWay() {
    SinkSettings settings = RecordConverterTest.settings("delete.mode", "soft");
    TableShapes shapes = new TableShapes(settings);
    SinkRecord first = record(1, 7L, "a");
    Change change = new RecordConverter(settings).convert(first);
    TableSpec spec = shapes.fit(change).spec();
    StructPlans.Plan plan = new StructPlans(settings).build(first, change, spec, null);
    assertThat(plan).isNotNull();

    SinkRecord next = record(2, 8L, "b");
    assertThat(plan.row(next)).as("the key's id wins over the value's").containsExactly(fullWay(settings, shapes, next));
    assertThat(plan.row(next)[spec.indexOf("id")]).isEqualTo(8L);
  }

  @Test
  void recordsThePlanCannotVouchForGoTheFullWay() {
    SinkSettings settings = RecordConverterTest.settings();
    TableShapes shapes = new TableShapes(settings);
    SinkRecord first = record(1, 7L, "a");
    Change change = new RecordConverter(settings).convert(first);
    StructPlans.Plan plan = new StructPlans(settings).build(first, change, shapes.fit(change).spec(), null);

    Schema other = SchemaBuilder.struct().name("v").field("id", Schema.OPTIONAL_INT64_SCHEMA).build();
    assertThat(plan.row(new SinkRecord("orders", 0, KEY, new Struct(KEY).put("id", 1L), other,
        new Struct(other).put("id", 1L), 3))).as("another schema").isNull();
    assertThat(plan.row(new SinkRecord("orders", 0, KEY, new Struct(KEY).put("id", 1L), VALUE, null, 4)))
        .as("a tombstone").isNull();
  }

  @Test
  void namedKeyFieldsMustBePresent() {
    SinkSettings settings = RecordConverterTest.settings("key.mode", "record_value", "key.fields", "name");
    TableShapes shapes = new TableShapes(settings);
    SinkRecord first = record(1, 7L, "a");
    Change change = new RecordConverter(settings).convert(first);
    StructPlans.Plan plan = new StructPlans(settings).build(first, change, shapes.fit(change).spec(), null);
    assertThat(plan).isNotNull();
    assertThat(plan.row(record(2, 7L, null))).as("the full way refuses it, naming the field").isNull();
    SinkRecord ok = record(3, 7L, "c");
    assertThat(plan.row(ok)).containsExactly(fullWay(settings, shapes, ok));
  }
}
