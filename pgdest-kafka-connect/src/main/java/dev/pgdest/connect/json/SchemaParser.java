package dev.pgdest.connect.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Turns the {@code schema} object of JsonConverter's envelope into a Connect {@link Schema}, with
 * JsonConverter's rules: the same type names, {@code optional} only when {@code true}, name,
 * version, doc, string parameters, and a default read by the schema it belongs to. Runs once per
 * distinct schema text; the converter caches what it builds.
 */
final class SchemaParser {
  /** A JSON null inside the schema's tree. */
  private static final Object NULL = new Object();

  private final JsonFactory factory;
  private final byte[] doc;
  private final int end;
  private final boolean replaceNullWithDefault;

  /** A JSON object of the schema's tree, with where each member's value starts in the document. */
  private static final class Obj extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    final Map<String, Integer> starts = new HashMap<>();
  }

  private SchemaParser(JsonFactory factory, byte[] doc, int end, boolean replaceNullWithDefault) {
    this.factory = factory;
    this.doc = doc;
    this.end = end;
    this.replaceNullWithDefault = replaceNullWithDefault;
  }

  /** Parses the schema object in {@code doc} from {@code start} (its '{') to {@code end}. */
  static Schema parse(
      JsonFactory factory, byte[] doc, int start, int end, boolean replaceNullWithDefault)
      throws IOException {
    SchemaParser parser = new SchemaParser(factory, doc, end, replaceNullWithDefault);
    try (JsonParser p = factory.createParser(doc, start, end - start)) {
      p.nextToken();
      return parser.schema(parser.tree(p, start));
    }
  }

  private Object tree(JsonParser p, int base) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        Obj obj = new Obj();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          obj.starts.put(key, base + (int) p.currentTokenLocation().getByteOffset());
          obj.put(key, tree(p, base));
        }
        return obj;
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(tree(p, base));
        }
        return list;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return NULL;
    }
  }

  private Schema schema(Object node) throws IOException {
    if (node == NULL) {
      return null;
    }
    Obj obj = node instanceof Obj ? (Obj) node : new Obj();
    Object type = obj.get("type");
    if (!(type instanceof String)) {
      throw new Refusal("the schema has no 'type' string");
    }
    SchemaBuilder builder = builder((String) type, obj);
    if (Boolean.TRUE.equals(obj.get("optional"))) {
      builder.optional();
    } else {
      builder.required();
    }
    if (obj.get("name") instanceof String) {
      builder.name((String) obj.get("name"));
    }
    Object version = obj.get("version");
    if (version instanceof Number && !(version instanceof BigDecimal)) {
      builder.version(((Number) version).intValue());
    }
    if (obj.get("doc") instanceof String) {
      builder.doc((String) obj.get("doc"));
    }
    if (obj.get("parameters") instanceof Obj) {
      for (Map.Entry<String, Object> e : ((Obj) obj.get("parameters")).entrySet()) {
        if (!(e.getValue() instanceof String)) {
          throw new Refusal("schema parameters must have string values");
        }
        builder.parameter(e.getKey(), (String) e.getValue());
      }
    }
    if (obj.containsKey("default")) {
      builder.defaultValue(defaultValue(builder, obj.starts.get("default")));
    }
    return builder.build();
  }

  private SchemaBuilder builder(String type, Obj obj) throws IOException {
    switch (type) {
      case "boolean":
        return SchemaBuilder.bool();
      case "int8":
        return SchemaBuilder.int8();
      case "int16":
        return SchemaBuilder.int16();
      case "int32":
        return SchemaBuilder.int32();
      case "int64":
        return SchemaBuilder.int64();
      case "float":
        return SchemaBuilder.float32();
      case "double":
        return SchemaBuilder.float64();
      case "bytes":
        return SchemaBuilder.bytes();
      case "string":
        return SchemaBuilder.string();
      case "array":
        Object items = obj.get("items");
        if (items == null || items == NULL) {
          throw new Refusal("an array schema has no 'items'");
        }
        return SchemaBuilder.array(schema(items));
      case "map":
        Object keys = obj.get("keys");
        Object values = obj.get("values");
        if (keys == null || values == null) {
          throw new Refusal("a map schema needs 'keys' and 'values'");
        }
        return SchemaBuilder.map(schema(keys), schema(values));
      case "struct":
        return struct(obj.get("fields"));
      default:
        throw new Refusal("unknown schema type");
    }
  }

  private SchemaBuilder struct(Object fields) throws IOException {
    if (!(fields instanceof List)) {
      throw new Refusal("a struct schema's 'fields' is not an array");
    }
    SchemaBuilder builder = SchemaBuilder.struct();
    for (Object field : (List<?>) fields) {
      Object name = field instanceof Obj ? ((Obj) field).get("field") : null;
      if (!(name instanceof String)) {
        throw new Refusal("a struct schema's field has no 'field' name");
      }
      builder.field((String) name, schema(field));
    }
    return builder;
  }

  /** Reads the default by the schema being built, as JsonConverter does, from its own text. */
  private Object defaultValue(SchemaBuilder builder, int start) throws IOException {
    // Inside an array, so that a number may be followed by the schema's next member.
    byte[] text = new byte[end - start + 1];
    text[0] = '[';
    System.arraycopy(doc, start, text, 1, end - start);
    try (JsonParser p = factory.createParser(text)) {
      p.nextToken();
      p.nextToken();
      return ValueReaders.of(builder, replaceNullWithDefault).read(p);
    } catch (Refusal r) {
      throw r.in("default");
    }
  }
}
