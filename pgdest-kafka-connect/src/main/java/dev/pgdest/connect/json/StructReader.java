package dev.pgdest.connect.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads a JSON object into a {@link Struct}: fields in any order (the schema's order is tried
 * first, then a lookup by name), fields the schema does not name skipped, absent fields as null.
 */
final class StructReader extends ValueReader {
  private static final Object ABSENT = new Object();

  private final Schema schema;
  private final Field[] fields;
  private final String[] names;
  private final ValueReader[] readers;
  private final Map<String, Integer> byName = new HashMap<>();

  StructReader(Schema schema, boolean replaceNullWithDefault) {
    super(schema, replaceNullWithDefault);
    this.schema = schema.schema();
    List<Field> list = schema.fields();
    int n = list.size();
    this.fields = list.toArray(new Field[0]);
    this.names = new String[n];
    this.readers = new ValueReader[n];
    for (int i = 0; i < n; i++) {
      names[i] = fields[i].name();
      readers[i] = ValueReaders.of(fields[i].schema(), replaceNullWithDefault);
      byName.put(names[i], i);
    }
  }

  @Override
  Object present(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw Refusal.expected("an object for a struct", p.currentToken());
    }
    int n = fields.length;
    Object[] values = new Object[n];
    java.util.Arrays.fill(values, ABSENT);
    int next = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int i;
      if (next < n && names[next].equals(name)) {
        i = next;
      } else {
        Integer at = byName.get(name);
        i = at == null ? -1 : at;
      }
      p.nextToken();
      if (i < 0) {
        p.skipChildren();
        continue;
      }
      values[i] = field(i, p);
      next = i + 1;
    }
    Struct out = new Struct(schema);
    for (int i = 0; i < n; i++) {
      try {
        out.put(fields[i], values[i] == ABSENT ? readers[i].absent() : values[i]);
      } catch (Refusal r) {
        throw r.in(names[i]);
      } catch (DataException e) {
        throw new Refusal(e.getMessage()).in(names[i]);
      }
    }
    return out;
  }

  private Object field(int i, JsonParser p) throws IOException {
    try {
      return readers[i].read(p);
    } catch (Refusal r) {
      throw r.in(names[i]);
    } catch (DataException e) {
      throw new Refusal(e.getMessage()).in(names[i]);
    }
  }
}
