package dev.pgdest.connect.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Builds the reader of a schema: the types and logical types of Connect's {@code JsonConverter},
 * read from the same JSON into the same Java values. Where that converter quietly reads a value of
 * the wrong JSON kind as 0, false, null or an empty list (a string for an int32, say), these
 * readers refuse it.
 */
final class ValueReaders {
  /** The reader of values without a schema: JSON's own kinds, as {@code JsonConverter} maps them. */
  static final ValueReader SCHEMALESS = new Schemaless();

  private ValueReaders() {}

  static ValueReader of(Schema schema, boolean replaceNullWithDefault) {
    if (schema == null) {
      return SCHEMALESS;
    }
    String name = schema.name();
    if (name != null) {
      switch (name) {
        case Decimal.LOGICAL_NAME:
        case Date.LOGICAL_NAME:
        case Time.LOGICAL_NAME:
        case Timestamp.LOGICAL_NAME:
          return new Logical(schema, replaceNullWithDefault);
        default:
          break;
      }
    }
    switch (schema.type()) {
      case STRUCT:
        return new StructReader(schema, replaceNullWithDefault);
      case ARRAY:
        return new ElementsReader(schema, replaceNullWithDefault);
      case MAP:
        return schema.keySchema().type() == Schema.Type.STRING
            ? new ElementsReader(schema, replaceNullWithDefault)
            : new PairsMapReader(schema, replaceNullWithDefault);
      default:
        return new Primitive(schema, replaceNullWithDefault);
    }
  }

  /** Booleans, numbers, strings and bytes. */
  private static final class Primitive extends ValueReader {
    private final Schema.Type type;

    Primitive(Schema schema, boolean replaceNullWithDefault) {
      super(schema, replaceNullWithDefault);
      this.type = schema.type();
    }

    @Override
    Object present(JsonParser p) throws IOException {
      JsonToken t = p.currentToken();
      switch (type) {
        case BOOLEAN:
          if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
          }
          throw Refusal.expected("a boolean", t);
        case STRING:
          if (t == JsonToken.VALUE_STRING) {
            return p.getText();
          }
          throw Refusal.expected("a string", t);
        case BYTES:
          if (t == JsonToken.VALUE_STRING) {
            return base64(p);
          }
          throw Refusal.expected("a base64 string", t);
        default:
          if (!Numbers.isNumber(t)) {
            throw Refusal.expected("a number", t);
          }
          return number(p);
      }
    }

    private Object number(JsonParser p) throws IOException {
      switch (type) {
        case INT8:
          return (byte) Numbers.intValue(p);
        case INT16:
          return (short) Numbers.intValue(p);
        case INT32:
          return Numbers.intValue(p);
        case INT64:
          return Numbers.longValue(p);
        case FLOAT32:
          return Numbers.floatValue(p);
        default:
          return Numbers.doubleValue(p);
      }
    }
  }

  static byte[] base64(JsonParser p) throws IOException {
    try {
      return p.getBinaryValue();
    } catch (IOException | IllegalArgumentException e) {
      throw new Refusal("not valid base64");
    }
  }

  /** Connect's Decimal, Date, Time and Timestamp, by the schema's name as JsonConverter does. */
  private static final class Logical extends ValueReader {
    private final Schema schema;

    Logical(Schema schema, boolean replaceNullWithDefault) {
      super(schema, replaceNullWithDefault);
      this.schema = schema;
    }

    @Override
    Object present(JsonParser p) throws IOException {
      JsonToken t = p.currentToken();
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME:
          if (Numbers.isNumber(t)) {
            return p.getDecimalValue();
          }
          if (t != JsonToken.VALUE_STRING) {
            throw Refusal.expected("a number or base64 string for a Decimal", t);
          }
          byte[] unscaled = base64(p);
          try {
            return Decimal.toLogical(schema, unscaled);
          } catch (RuntimeException e) {
            throw new Refusal("invalid bytes for a Decimal");
          }
        case Date.LOGICAL_NAME:
          return Date.toLogical(schema, int32(p, "a Date"));
        case Time.LOGICAL_NAME:
          return Time.toLogical(schema, int32(p, "a Time"));
        default:
          if (t != JsonToken.VALUE_NUMBER_INT) {
            throw Refusal.expected("an integer for a Timestamp", t);
          }
          return Timestamp.toLogical(schema, Numbers.longValue(p));
      }
    }

    private static int int32(JsonParser p, String what) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() != JsonParser.NumberType.INT) {
        throw Refusal.expected("a 32-bit integer for " + what, p.currentToken());
      }
      return p.getIntValue();
    }
  }

  /** An array, or a map with string keys (a JSON object). */
  private static final class ElementsReader extends ValueReader {
    private final boolean array;
    private final ValueReader elements;

    ElementsReader(Schema schema, boolean replaceNullWithDefault) {
      super(schema, replaceNullWithDefault);
      this.array = schema.type() == Schema.Type.ARRAY;
      this.elements = of(schema.valueSchema(), replaceNullWithDefault);
    }

    @Override
    Object present(JsonParser p) throws IOException {
      if (p.currentToken() != (array ? JsonToken.START_ARRAY : JsonToken.START_OBJECT)) {
        throw Refusal.expected(
            array ? "an array" : "an object for a map with string keys", p.currentToken());
      }
      return array ? readArray(p, elements) : readObject(p, elements);
    }
  }

  static List<Object> readArray(JsonParser p, ValueReader elements) throws IOException {
    List<Object> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      try {
        out.add(elements.read(p));
      } catch (Refusal r) {
        throw r.in("[" + out.size() + "]");
      }
    }
    return out;
  }

  static Map<Object, Object> readObject(JsonParser p, ValueReader values) throws IOException {
    Map<Object, Object> out = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      try {
        out.put(key, values.read(p));
      } catch (Refusal r) {
        throw r.in(key);
      }
    }
    return out;
  }

  /** A map with other keys: JsonConverter writes it as an array of [key, value] pairs. */
  private static final class PairsMapReader extends ValueReader {
    private final ValueReader keys;
    private final ValueReader values;

    PairsMapReader(Schema schema, boolean replaceNullWithDefault) {
      super(schema, replaceNullWithDefault);
      this.keys = of(schema.keySchema(), replaceNullWithDefault);
      this.values = of(schema.valueSchema(), replaceNullWithDefault);
    }

    @Override
    Object present(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw Refusal.expected("an array of [key, value] pairs for a map", p.currentToken());
      }
      Map<Object, Object> out = new HashMap<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String at = "[" + out.size() + "]";
        if (p.currentToken() != JsonToken.START_ARRAY) {
          throw Refusal.expected("a [key, value] pair", p.currentToken()).in(at);
        }
        Object key = pairPart(p, keys, at);
        Object value = pairPart(p, values, at);
        if (p.nextToken() != JsonToken.END_ARRAY) {
          throw new Refusal("a map entry has more than 2 elements").in(at);
        }
        out.put(key, value);
      }
      return out;
    }

    private static Object pairPart(JsonParser p, ValueReader reader, String at) throws IOException {
      if (p.nextToken() == JsonToken.END_ARRAY) {
        throw new Refusal("a map entry has fewer than 2 elements").in(at);
      }
      try {
        return reader.read(p);
      } catch (Refusal r) {
        throw r.in(at);
      }
    }
  }

  /** No schema: whole numbers are Long, other numbers Double, objects HashMaps, arrays lists. */
  private static final class Schemaless extends ValueReader {
    @Override
    Object present(JsonParser p) throws IOException {
      JsonToken t = p.currentToken();
      switch (t) {
        case VALUE_TRUE:
          return Boolean.TRUE;
        case VALUE_FALSE:
          return Boolean.FALSE;
        case VALUE_NUMBER_INT:
          return Numbers.longValue(p);
        case VALUE_NUMBER_FLOAT:
          return Numbers.doubleValue(p);
        case VALUE_STRING:
          return p.getText();
        case START_ARRAY:
          return readArray(p, this);
        case START_OBJECT:
          return readObject(p, this);
        default:
          throw new DataException("Unexpected JSON token " + t);
      }
    }
  }
}
