package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.PgType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordConverterTest {

  static SinkSettings settings(String... keyValues) {
    Map<String, String> props = new HashMap<>(Map.of(
        "connection.host", "localhost", "connection.database", "db", "connection.schema", "s", "connection.user", "u"));
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return new SinkSettings(props);
  }

  static SinkRecord record(Schema keySchema, Object key, Schema valueSchema, Object value) {
    return new SinkRecord("orders", 2, keySchema, key, valueSchema, value, 42L);
  }

  private static final Schema KEY = SchemaBuilder.struct().name("orders.Key").field("id", Schema.INT64_SCHEMA).build();

  @Test
  void readsConnectLogicalTypesAndPrimitives() {
    Schema value = SchemaBuilder.struct()
        .field("id", Schema.INT64_SCHEMA)
        .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
        .field("day", org.apache.kafka.connect.data.Date.SCHEMA)
        .field("at", Time.SCHEMA)
        .field("ts", Timestamp.SCHEMA)
        .field("small", Schema.INT8_SCHEMA)
        .field("ratio", Schema.FLOAT32_SCHEMA)
        .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
        .build();
    Struct v = new Struct(value).put("id", 7L).put("price", new BigDecimal("12.30"))
        .put("day", new Date(86_400_000L * 3)).put("at", new Date(3_600_000L)).put("ts", new Date(1_000L))
        .put("small", (byte) 5).put("ratio", 0.5f).put("tags", List.of("a", "b")).put("blob", null);
    Change c = new RecordConverter(settings()).convert(record(KEY, new Struct(KEY).put("id", 7L), value, v));

    assertThat(c.table()).isEqualTo("orders");
    assertThat(c.key()).containsExactly("id");
    assertThat(c.delete()).isFalse();
    assertThat(c.cells().get("price")).isEqualTo(new Change.Cell(PgType.numeric(10, 2), new BigDecimal("12.30"), false));
    assertThat(c.cells().get("day").value()).isEqualTo(LocalDate.of(1970, 1, 4));
    assertThat(c.cells().get("at").value()).isEqualTo(LocalTime.of(1, 0));
    assertThat(c.cells().get("ts")).isEqualTo(new Change.Cell(PgType.TIMESTAMP, LocalDateTime.of(1970, 1, 1, 0, 0, 1), false));
    assertThat(c.cells().get("small")).isEqualTo(new Change.Cell(PgType.SMALLINT, (short) 5, false));
    assertThat(c.cells().get("ratio").type()).isEqualTo(PgType.REAL);
    assertThat(c.cells().get("tags")).isEqualTo(new Change.Cell(PgType.arrayOf(PgType.TEXT), List.of("a", "b"), false));
    assertThat(c.cells().get("blob")).isEqualTo(new Change.Cell(PgType.BYTEA, null, false));
  }

  @Test
  void readsDebeziumLogicalTypes() {
    Schema vsd = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
        .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
    Schema value = SchemaBuilder.struct()
        .field("id", Schema.INT64_SCHEMA)
        .field("zts", named(Schema.STRING_SCHEMA, "io.debezium.time.ZonedTimestamp"))
        .field("mts", named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTimestamp"))
        .field("nts", named(Schema.INT64_SCHEMA, "io.debezium.time.NanoTimestamp"))
        .field("mt", named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTime"))
        .field("uid", named(Schema.STRING_SCHEMA, "io.debezium.data.Uuid"))
        .field("doc", named(Schema.STRING_SCHEMA, "io.debezium.data.Json"))
        .field("amount", vsd)
        .field("color", named(Schema.STRING_SCHEMA, "io.debezium.data.Enum"))
        .build();
    UUID uuid = UUID.randomUUID();
    Struct v = new Struct(value).put("id", 1L)
        .put("zts", "2024-05-06T07:08:09.123456+02:00")
        .put("mts", 1_500_000L)
        .put("nts", -1L)
        .put("mt", 3_600_000_001L)
        .put("uid", uuid.toString())
        .put("doc", "{\"a\": 1}")
        .put("amount", new Struct(vsd).put("scale", 3).put("value", BigInteger.valueOf(-12345).toByteArray()))
        .put("color", "red");
    Change c = new RecordConverter(settings()).convert(record(KEY, new Struct(KEY).put("id", 1L), value, v));

    assertThat(c.cells().get("zts")).isEqualTo(new Change.Cell(PgType.TIMESTAMPTZ,
        OffsetDateTime.parse("2024-05-06T07:08:09.123456+02:00"), false));
    assertThat(c.cells().get("mts").value()).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 500_000_000));
    assertThat(c.cells().get("nts").value()).as("negative epochs round down").isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999));
    assertThat(c.cells().get("mt")).isEqualTo(new Change.Cell(PgType.TIME, LocalTime.of(1, 0, 0, 1_000), false));
    assertThat(c.cells().get("uid")).isEqualTo(new Change.Cell(PgType.UUID, uuid, false));
    assertThat(c.cells().get("doc")).isEqualTo(new Change.Cell(PgType.JSONB, "{\"a\": 1}", false));
    assertThat(c.cells().get("amount")).isEqualTo(new Change.Cell(PgType.NUMERIC, new BigDecimal("-12.345"), false));
    assertThat(c.cells().get("color")).isEqualTo(new Change.Cell(PgType.TEXT, "red", false));
  }

  @Test
  void nestsStructsMapsAndStructArraysAsJson() {
    Schema inner = SchemaBuilder.struct().field("d", org.apache.kafka.connect.data.Date.SCHEMA).field("s", Schema.STRING_SCHEMA).build();
    Schema value = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("inner", inner)
        .field("items", SchemaBuilder.array(inner).build())
        .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build()).build();
    Struct in = new Struct(inner).put("d", new Date(0)).put("s", "q\"uote");
    Struct v = new Struct(value).put("id", 1L).put("inner", in).put("items", List.of(in)).put("attrs", Map.of("x", 1));
    Change c = new RecordConverter(settings()).convert(record(KEY, new Struct(KEY).put("id", 1L), value, v));

    assertThat(c.cells().get("inner")).isEqualTo(new Change.Cell(PgType.JSONB, "{\"d\":\"1970-01-01\",\"s\":\"q\\\"uote\"}", false));
    assertThat(c.cells().get("items").value()).isEqualTo("[{\"d\":\"1970-01-01\",\"s\":\"q\\\"uote\"}]");
    assertThat(c.cells().get("attrs").value()).isEqualTo("{\"x\":1}");
  }

  @Test
  void readsSchemalessMapsByTheirValues() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", 3L);
    v.put("name", "x");
    v.put("score", 1.5);
    v.put("ok", true);
    v.put("meta", Map.of("a", List.of(1, 2)));
    v.put("gone", null);
    Change c = new RecordConverter(settings("key.mode", "record_value", "key.fields", "id"))
        .convert(record(null, null, null, v));

    assertThat(c.key()).containsExactly("id");
    assertThat(c.cells().get("id")).isEqualTo(new Change.Cell(PgType.BIGINT, 3L, true));
    assertThat(c.cells().get("score").type()).isEqualTo(PgType.NUMERIC);
    assertThat(c.cells().get("ok").type()).isEqualTo(PgType.BOOLEAN);
    assertThat(c.cells().get("meta").type()).isEqualTo(PgType.JSONB);
    assertThat(c.cells().get("gone").type()).as("a null says nothing about its column").isNull();
  }

  @Test
  void primitiveKeyBecomesTheKeyColumnAndWinsOverTheValueField() {
    Map<String, Object> v = new LinkedHashMap<>(Map.of("id", "not-the-key", "n", 1L));
    Change c = new RecordConverter(settings()).convert(record(Schema.STRING_SCHEMA, "k-1", null, v));
    assertThat(c.key()).containsExactly("id");
    assertThat(c.cells().get("id").value()).isEqualTo("k-1");
    assertThat(List.copyOf(c.cells().keySet())).as("key columns first").containsExactly("id", "n");
  }

  @Test
  void tombstoneDeletesByRecordKey() {
    Change c = new RecordConverter(settings()).convert(record(KEY, new Struct(KEY).put("id", 9L), null, null));
    assertThat(c.delete()).isTrue();
    assertThat(c.cells()).containsOnlyKeys("id");
  }

  @Test
  void tombstonesAreIgnoredWhenDeletesAreOffOrInAppendMode() {
    SinkRecord tombstone = record(KEY, new Struct(KEY).put("id", 9L), null, null);
    assertThat(new RecordConverter(settings("delete.enabled", "false")).convert(tombstone)).isNull();
    assertThat(new RecordConverter(settings("insert.mode", "append")).convert(tombstone)).isNull();
  }

  @Test
  void unwrapsDebeziumEnvelopesWithTheSourceLsnAsVersion() {
    Schema row = SchemaBuilder.struct().optional().field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
    Schema source = SchemaBuilder.struct().field("lsn", Schema.OPTIONAL_INT64_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA).build();
    Schema env = SchemaBuilder.struct().name("server.public.orders.Envelope")
        .field("before", row).field("after", row).field("source", source)
        .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
    Struct src = new Struct(source).put("lsn", 1234L).put("ts_ms", 99L);
    RecordConverter converter = new RecordConverter(settings("version.column", "source.lsn"));

    Struct update = new Struct(env).put("after", new Struct(row).put("id", 5L).put("name", "new"))
        .put("before", new Struct(row).put("id", 5L).put("name", "old")).put("source", src).put("op", "u");
    Change u = converter.convert(record(KEY, new Struct(KEY).put("id", 5L), env, update));
    assertThat(u.delete()).isFalse();
    assertThat(u.cells().get("name").value()).isEqualTo("new");
    assertThat(u.cells().get("_source_lsn")).isEqualTo(new Change.Cell(PgType.BIGINT, 1234L, false));

    Struct delete = new Struct(env).put("before", new Struct(row).put("id", 5L).put("name", "old")).put("source", src).put("op", "d");
    Change d = converter.convert(record(KEY, new Struct(KEY).put("id", 5L), env, delete));
    assertThat(d.delete()).isTrue();
    assertThat(d.cells().get("_source_lsn").value()).isEqualTo(1234L);

    Struct truncate = new Struct(env).put("source", src).put("op", "t");
    assertThat(converter.convert(record(KEY, new Struct(KEY).put("id", 5L), env, truncate))).isNull();
  }

  @Test
  void unwrapsSchemalessDebeziumEnvelopes() {
    Map<String, Object> after = new LinkedHashMap<>(Map.of("id", 4L, "name", "n"));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("before", null);
    env.put("after", after);
    env.put("op", "c");
    env.put("ts_ms", 77L);
    Change c = new RecordConverter(settings("version.column", "ts_ms", "key.mode", "record_value", "key.fields", "id"))
        .convert(record(null, null, null, env));
    assertThat(c.cells()).containsKeys("id", "name", "_ts_ms");
    assertThat(c.cells().get("_ts_ms").value()).isEqualTo(77L);
  }

  @Test
  void refusesNamingTheColumnNotTheValue() {
    Map<String, Object> v = new LinkedHashMap<>(Map.of("name", "secret-value"));
    assertThatThrownBy(() -> new RecordConverter(settings("key.mode", "record_value", "key.fields", "id"))
        .convert(record(null, null, null, v)))
        .isInstanceOf(RecordRejected.class)
        .hasMessageContaining("column \"id\"")
        .hasMessageNotContaining("secret-value");
    assertThatThrownBy(() -> new RecordConverter(settings()).convert(record(null, null, Schema.STRING_SCHEMA, "plain")))
        .isInstanceOf(RecordRejected.class).hasMessageContaining("needs a struct, a map");
    assertThatThrownBy(() -> new RecordConverter(settings()).convert(record(null, null, null, Map.of("a", 1L))))
        .isInstanceOf(RecordRejected.class).hasMessageContaining("no key");
  }

  @Test
  void bytesKeepTheirContent() {
    Schema value = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("b", Schema.BYTES_SCHEMA).build();
    Struct v = new Struct(value).put("id", 1L).put("b", java.nio.ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
    Change c = new RecordConverter(settings()).convert(record(KEY, new Struct(KEY).put("id", 1L), value, v));
    assertThat((byte[]) c.cells().get("b").value()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
  }

  private static Schema named(Schema base, String name) {
    return new SchemaBuilder(base.type()).name(name).build();
  }
}
