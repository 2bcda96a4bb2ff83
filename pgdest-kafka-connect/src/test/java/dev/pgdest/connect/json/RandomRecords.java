package dev.pgdest.connect.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** Random Connect schemas of every type, and random values that fit them, from one seed. */
final class RandomRecords {
  private static final long DAY_MS = 86_400_000L;

  private final Random random;

  RandomRecords(long seed) {
    this.random = new Random(seed);
  }

  /** A struct of 1 to 8 fields, nested up to {@code depth} levels. */
  Schema struct(int depth) {
    SchemaBuilder b = SchemaBuilder.struct();
    int n = 1 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      b.field("f" + i + (random.nextInt(4) == 0 ? "_\u00e9\"x" : ""), any(depth - 1));
    }
    if (random.nextInt(3) == 0) {
      b.name("dev.pgdest.test.S" + random.nextInt(100)).version(1 + random.nextInt(5));
    }
    if (random.nextInt(4) == 0) {
      b.doc("a struct").parameter("origin", "test");
    }
    if (random.nextInt(3) == 0) {
      b.optional();
    }
    return b.build();
  }

  Schema any(int depth) {
    int kind = random.nextInt(depth > 0 ? 19 : 15);
    SchemaBuilder b;
    switch (kind) {
      case 0: b = SchemaBuilder.int8(); break;
      case 1: b = SchemaBuilder.int16(); break;
      case 2: b = SchemaBuilder.int32(); break;
      case 3: b = SchemaBuilder.int64(); break;
      case 4: b = SchemaBuilder.float32(); break;
      case 5: b = SchemaBuilder.float64(); break;
      case 6: b = SchemaBuilder.bool(); break;
      case 7: case 8: b = SchemaBuilder.string(); break;
      case 9: b = SchemaBuilder.bytes(); break;
      case 10: b = Decimal.builder(random.nextInt(6)); break;
      case 11: b = Date.builder(); break;
      case 12: b = Time.builder(); break;
      case 13: b = Timestamp.builder(); break;
      case 14: b = SchemaBuilder.array(primitive()); break;
      case 15: b = SchemaBuilder.array(any(depth - 1)); break;
      case 16: b = SchemaBuilder.map(Schema.STRING_SCHEMA, any(depth - 1)); break;
      case 17: b = SchemaBuilder.map(primitive(), any(depth - 1)); break;
      default: return struct(depth);
    }
    if (random.nextBoolean()) {
      b.optional();
    }
    if (kind < 15 && random.nextInt(4) == 0) {
      b.defaultValue(value(b.build()));
    }
    if (kind < 10 && random.nextInt(8) == 0) {
      b.name("custom.Name").doc("a doc");
    }
    return b.build();
  }

  private Schema primitive() {
    switch (random.nextInt(5)) {
      case 0: return Schema.INT32_SCHEMA;
      case 1: return Schema.INT64_SCHEMA;
      case 2: return Schema.STRING_SCHEMA;
      case 3: return Schema.BOOLEAN_SCHEMA;
      default: return Schema.OPTIONAL_FLOAT64_SCHEMA;
    }
  }

  /** A value of the schema, or null where the schema is optional. */
  Object value(Schema schema) {
    if (schema.isOptional() && random.nextInt(5) == 0) {
      return null;
    }
    String name = schema.name();
    if (Decimal.LOGICAL_NAME.equals(name)) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      return new BigDecimal(new BigInteger(random.nextInt(70), random).negate().add(
          BigInteger.valueOf(random.nextInt(1000))), scale);
    }
    if (Date.LOGICAL_NAME.equals(name)) {
      return new java.util.Date((random.nextInt(40_000) - 10_000) * DAY_MS);
    }
    if (Time.LOGICAL_NAME.equals(name)) {
      return new java.util.Date(random.nextInt((int) DAY_MS));
    }
    if (Timestamp.LOGICAL_NAME.equals(name)) {
      return new java.util.Date(random.nextLong() >> 20);
    }
    switch (schema.type()) {
      case INT8: return (byte) random.nextInt();
      case INT16: return (short) random.nextInt();
      case INT32: return random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt();
      case INT64: return random.nextInt(4) == 0 ? (long) random.nextInt() : random.nextLong();
      case FLOAT32: return pick(0.0f, -0.0f, 1.5f, random.nextFloat() * 1e6f, Float.MAX_VALUE);
      case FLOAT64:
        return pick(0.0, -0.0, 0.1, random.nextDouble(), random.nextGaussian() * 1e300, 1e-310);
      case BOOLEAN: return random.nextBoolean();
      case STRING: return text();
      case BYTES: return text().getBytes(StandardCharsets.UTF_8);
      case ARRAY:
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(value(schema.valueSchema()));
        }
        return list;
      case MAP:
        Map<Object, Object> map = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          Object key = value(schema.keySchema());
          if (key != null) {
            map.put(key, value(schema.valueSchema()));
          }
        }
        return map;
      default:
        Struct s = new Struct(schema);
        for (Field f : schema.fields()) {
          s.put(f, value(f.schema()));
        }
        return s;
    }
  }

  private String text() {
    return pick("", "plain", "tab\tquote\"backslash\\", "\u00e9\u4e2d\ud83d\ude00", "line\nbreak",
        "x".repeat(random.nextInt(300)));
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
