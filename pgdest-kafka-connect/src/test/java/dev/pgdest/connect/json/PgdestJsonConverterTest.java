package dev.pgdest.connect.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * PgdestJsonConverter reads what Connect's JsonConverter writes into exactly what JsonConverter
 * reads from it: generated schemas of every type, changing between records, in both decimal
 * formats, with and without schemas.
 */
class PgdestJsonConverterTest {
  private static final String TOPIC = "orders";

  @ParameterizedTest(name = "schemas.enable={0}, decimal.format={1}, replace.null.with.default={2}")
  @CsvSource({
    "true, BASE64, true",
    "true, NUMERIC, true",
    "true, BASE64, false",
    "false, NUMERIC, true",
    "false, BASE64, true"
  })
  void readsWhatJsonConverterWritesAsJsonConverterReadsIt(
      boolean schemas, String decimalFormat, boolean replaceNull) {
    Map<String, Object> config =
        Map.of(
            "schemas.enable", schemas,
            "decimal.format", decimalFormat,
            "replace.null.with.default", replaceNull,
            "schemas.cache.size", 4);
    JsonConverter theirs = new JsonConverter();
    theirs.configure(config, false);
    PgdestJsonConverter ours = new PgdestJsonConverter();
    ours.configure(config, false);
    RandomRecords random = new RandomRecords(decimalFormat.hashCode() * 31L + (schemas ? 1 : 0));
    List<Schema> seen = new ArrayList<>();
    int compared = 0;
    for (int round = 0; round < 400; round++) {
      // New schemas, and old ones again past the cache's size, so that both hit and miss.
      Schema schema =
          round % 3 == 2 && !seen.isEmpty()
              ? seen.get(round % seen.size())
              : round % 5 == 4 ? random.any(2) : random.struct(3);
      seen.add(schema);
      for (int i = 0; i < 5; i++) {
        byte[] json = theirs.fromConnectData(TOPIC, schema, random.value(schema));
        assertSameAsJsonConverter(theirs, ours, json);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(2000);
  }

  private static void assertSameAsJsonConverter(
      JsonConverter theirs, PgdestJsonConverter ours, byte[] json) {
    SchemaAndValue expected = theirs.toConnectData(TOPIC, json);
    SchemaAndValue actual = ours.toConnectData(TOPIC, json);
    String text = json == null ? "null" : new String(json, StandardCharsets.UTF_8);
    assertThat(actual.schema()).as("schema of %s", text).isEqualTo(expected.schema());
    assertThat(comparable(actual.value())).as("value of %s", text)
        .isEqualTo(comparable(expected.value()));
  }

  /** The value with byte arrays as buffers and structs as maps, so equals compares contents. */
  private static Object comparable(Object v) {
    if (v instanceof byte[]) {
      return ByteBuffer.wrap((byte[]) v);
    }
    if (v instanceof Struct) {
      Struct s = (Struct) v;
      Map<String, Object> out = new HashMap<>();
      out.put("<schema>", s.schema());
      for (Field f : s.schema().fields()) {
        out.put(f.name(), comparable(s.get(f)));
      }
      return out;
    }
    if (v instanceof Collection) {
      List<Object> out = new ArrayList<>();
      for (Object e : (Collection<?>) v) {
        out.add(comparable(e));
      }
      return out;
    }
    if (v instanceof Map) {
      Map<Object, Object> out = new HashMap<>();
      ((Map<?, ?>) v).forEach((k, e) -> out.put(comparable(k), comparable(e)));
      return out;
    }
    if (v != null) {
      // Each value's class too: a Long is not an Integer, a Double not a BigDecimal.
      return List.of(v.getClass().getName(), v);
    }
    return null;
  }

  @Test
  void readsPayloadFieldsInAnyOrderIgnoresUnknownOnesAndAcceptsTheSchemaLast() {
    PgdestJsonConverter ours = converter(true);
    JsonConverter theirs = new JsonConverter();
    theirs.configure(Map.of("schemas.enable", true), false);
    String schema =
        "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"},"
            + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
            + "{\"field\":\"n\",\"type\":\"int32\",\"optional\":false,\"default\":7}]}";
    for (String doc :
        List.of(
            "{\"schema\":" + schema + ",\"payload\":{\"name\":\"a\",\"id\":1,\"n\":2}}",
            "{\"schema\":" + schema + ",\"payload\":{\"extra\":{\"x\":[1,{}]},\"id\":2}}",
            "{\"payload\":{\"id\":3,\"n\":null}, \"schema\":" + schema + "}",
            " {\n \"schema\" : " + schema + " ,\n \"payload\" : {\"id\":4} \n} ",
            "{\"schema\":null,\"payload\":{\"a\":[1,2.5,\"x\",true,null,{\"b\":{}}]}}",
            "{\"schema\":{\"type\":\"int64\",\"optional\":false},\"payload\":12}",
            "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":"
                + "{\"type\":\"string\"}},\"payload\":[[1,\"a\"],[2,\"b\"]]}")) {
      assertSameAsJsonConverter(theirs, ours, doc.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void keysTheSchemaByExactlyItsOwnBytes() {
    PgdestJsonConverter ours = converter(true);
    String schema = "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"}]}";
    ours.toConnectData(TOPIC, ("{ \"schema\" : " + schema + " , \"payload\":{\"id\":1}}")
        .getBytes(StandardCharsets.UTF_8));
    // The key is what a later record's schema is compared with before its payload is read.
    assertThat(new String(ours.cache().last().text, StandardCharsets.UTF_8)).isEqualTo(schema);
    SchemaAndValue next = ours.toConnectData(TOPIC,
        ("{\"schema\":" + schema + ",\"payload\":{\"id\":2}}").getBytes(StandardCharsets.UTF_8));
    assertThat(next.schema()).isSameAs(ours.cache().last().schema);
    assertThat(((Struct) next.value()).getInt64("id")).isEqualTo(2L);
  }

  @Test
  void readsTombstonesAndEmptyInputAsJsonConverterDoes() {
    assertThat(converter(true).toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(converter(false).toConnectData(TOPIC, new byte[0]))
        .isEqualTo(new SchemaAndValue(null, null));
  }

  @Test
  void refusesMalformedRecordsNamingTheTopicAndThePlaceButNotTheValue() {
    String schema =
        "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"},"
            + "{\"field\":\"tags\",\"type\":\"array\",\"items\":{\"type\":\"boolean\"}}]}";
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("{\"schema\":" + schema + ",\"payload\":{\"id\":\"secret-1\",\"tags\":[]}}",
        "at 'id': expected a number, found a string");
    cases.put("{\"schema\":" + schema + ",\"payload\":{\"id\":1,\"tags\":[true,\"secret-2\"]}}",
        "at 'tags[1]': expected a boolean, found a string");
    cases.put("{\"schema\":" + schema + ",\"payload\":{\"tags\":[]}}",
        "at 'id': null or absent value for a required INT64 field");
    cases.put("{\"schema\":" + schema + ",\"payload\":{\"id\":1,\"tags\":[]},\"secret-3\":1}",
        "must be an object of exactly 'schema' and 'payload'");
    cases.put("{\"schema\":" + schema + "}", "must be an object of exactly 'schema' and 'payload'");
    cases.put("[1,2]", "must be an object of exactly 'schema' and 'payload'");
    cases.put("{\"schema\":{\"fields\":[]},\"payload\":{}}", "at 'schema': the schema has no 'type'");
    cases.put("{\"schema\":{\"type\":\"secret-4\"},\"payload\":1}", "unknown schema type");
    cases.put("{\"schema\":{\"type\":\"bytes\"},\"payload\":\"secret-5!!\"}", "not valid base64");
    cases.put("{\"schema\":{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\"},"
        + "\"payload\":\"AQ==\"}", "invalid bytes for a Decimal");
    cases.put("{\"schema\":{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Time\"},"
        + "\"payload\":99999999999}", "a 32-bit integer for a Time");
    cases.put("{\"schema\":" + schema + ",\"payload\":{\"id\":1,\"tags\":[secret-6]}}",
        "not valid JSON at byte");
    cases.put("{\"schema\":" + schema + ",\"payload\":{\"id\":1,", "not valid JSON at byte");
    PgdestJsonConverter ours = converter(true);
    for (Map.Entry<String, String> c : cases.entrySet()) {
      byte[] doc = c.getKey().getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> ours.toConnectData(TOPIC, doc))
          .as(c.getKey())
          .isInstanceOf(DataException.class)
          .hasMessageContaining("from topic 'orders'")
          .hasMessageContaining(c.getValue())
          .hasNoCause()
          .message()
          .doesNotContain("secret");
    }
  }

  @Test
  void writesAsJsonConverterDoesForKeysAndHeaders() {
    PgdestJsonConverter ours = new PgdestJsonConverter();
    ours.configure(Map.of("schemas.enable", true), true);
    Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    Struct key = new Struct(schema).put("id", 42L);
    byte[] written = ours.fromConnectData(TOPIC, schema, key);
    assertThat(ours.toConnectData(TOPIC, written)).isEqualTo(new SchemaAndValue(schema, key));
    assertThat(ours.toConnectHeader(TOPIC, "h", ours.fromConnectHeader(TOPIC, "h", schema, key)))
        .isEqualTo(new SchemaAndValue(schema, key));
    assertThat(ours.config().names()).contains("schemas.enable", "decimal.format");
  }

  private static PgdestJsonConverter converter(boolean schemas) {
    PgdestJsonConverter c = new PgdestJsonConverter();
    c.configure(Map.of("schemas.enable", schemas), false);
    return c;
  }
}
