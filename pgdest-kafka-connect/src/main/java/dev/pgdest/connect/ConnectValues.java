package dev.pgdest.connect;

import dev.pgdest.PgType;
import java.nio.ByteBuffer;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;

/**
 * Maps a field of a record with a schema to its column type and its value to the Java value
 * pgdest encodes: logical types first ({@link LogicalTypes}), then the physical type. Structs,
 * maps and arrays of anything but scalars become {@code jsonb}.
 */
final class ConnectValues {
  private ConnectValues() {}

  /** The column type of a field of this schema. */
  static PgType type(Schema schema) {
    LogicalTypes.Logical logical = LogicalTypes.of(schema);
    if (logical != null) {
      return logical.type().apply(schema);
    }
    switch (schema.type()) {
      case INT8:
      case INT16: return PgType.SMALLINT;
      case INT32: return PgType.INTEGER;
      case INT64: return PgType.BIGINT;
      case FLOAT32: return PgType.REAL;
      case FLOAT64: return PgType.DOUBLE;
      case BOOLEAN: return PgType.BOOLEAN;
      case STRING: return PgType.TEXT;
      case BYTES: return PgType.BYTEA;
      case ARRAY: {
        PgType element = type(schema.valueSchema());
        return isScalar(element) ? PgType.arrayOf(element) : PgType.JSONB;
      }
      default: return PgType.JSONB;
    }
  }

  /** The value of a field of this schema as pgdest takes it for {@link #type(Schema)}. */
  static Object value(Schema schema, Object v) {
    if (v == null) {
      return null;
    }
    LogicalTypes.Logical logical = LogicalTypes.of(schema);
    if (logical != null) {
      return logical.value().apply(v);
    }
    switch (schema.type()) {
      case INT8: return ((Byte) v).shortValue();
      case BYTES: return v instanceof ByteBuffer bb ? bytes(bb) : v;
      case ARRAY: {
        if (type(schema).isArray()) {
          List<Object> out = new ArrayList<>();
          for (Object e : (List<?>) v) {
            out.add(value(schema.valueSchema(), e));
          }
          return out;
        }
        return Json.write(plainList(schema, (List<?>) v));
      }
      case MAP:
      case STRUCT: return Json.write(v);
      default: return v;
    }
  }

  /**
   * {@link #value(Schema, Object)} for one schema, with what depends on the schema alone decided
   * once: for the conversion plans of records of a known schema.
   */
  static Function<Object, Object> converter(Schema schema) {
    LogicalTypes.Logical logical = LogicalTypes.of(schema);
    if (logical != null) {
      Function<Object, Object> f = logical.value();
      return v -> v == null ? null : f.apply(v);
    }
    switch (schema.type()) {
      case INT8:
      case BYTES:
      case ARRAY:
      case MAP:
      case STRUCT: return v -> value(schema, v);
      default: return Function.identity();
    }
  }

  /** A value as it reads inside JSON: logical types as their natural form, dates as ISO text. */
  static Object plain(Schema schema, Object v) {
    if (v == null || schema == null) {
      return v;
    }
    if (schema.type() == Schema.Type.ARRAY) {
      return plainList(schema, (List<?>) v);
    }
    if (LogicalTypes.of(schema) == null) {
      return v;
    }
    Object converted = value(schema, v);
    return converted instanceof Temporal ? converted.toString() : converted;
  }

  private static List<Object> plainList(Schema schema, List<?> v) {
    List<Object> out = new ArrayList<>(v.size());
    for (Object e : v) {
      out.add(plain(schema.valueSchema(), e));
    }
    return out;
  }

  private static boolean isScalar(PgType t) {
    return !t.isArray() && t.kind() != PgType.Kind.JSON && t.kind() != PgType.Kind.JSONB;
  }

  private static byte[] bytes(ByteBuffer bb) {
    byte[] b = new byte[bb.remaining()];
    bb.duplicate().get(b);
    return b;
  }
}
