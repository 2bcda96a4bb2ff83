package dev.pgdest.connect;

import dev.pgdest.PgType;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Per-topic conversion plans for the common case: a {@link Struct} value that is no Debezium
 * envelope, with a struct or primitive key, whose table already fits it. A plan is learnt from a
 * record that went the full way ({@link RecordConverter}, {@link TableShapes}) and is keyed by
 * the identity of the value's and key's {@link Schema}, which a converter such as
 * {@code JsonConverter} hands out once per distinct schema from its cache. A record of those
 * schemas then becomes the row of its table's columns directly: no maps of cells, no fitting, no
 * lookups by name. The row is the same one the full way builds; anything the plan cannot vouch
 * for (another schema, another table spec, a null key field, a value its schema refuses) is left
 * to the full way, which reports it. Not thread-safe.
 */
final class StructPlans {

  /** One topic's plan. */
  static final class Plan {
    final Schema valueSchema;
    final Schema keySchema;
    final TableChanges table;
    final TableSpec spec;
    final int width;
    final Field[] valueFields;
    final int[] valueIndex;
    final Function<Object, Object>[] valueConv;
    final Field[] keyFields;
    final int[] keyIndex;
    final Function<Object, Object>[] keyConv;
    /** Primitive key: its column, else -1. */
    final int primitiveKeyIndex;
    final Function<Object, Object> primitiveKeyConv;
    /** Row positions that must not be null (the named key fields), else the record goes the full way. */
    final int[] required;

    @SuppressWarnings("unchecked")
    private Plan(Schema valueSchema, Schema keySchema, TableChanges table, TableSpec spec, List<Field> vf, List<Integer> vi,
                 List<Field> kf, List<Integer> ki, int primitiveKeyIndex, Schema primitiveKeySchema, int[] required) {
      this.valueSchema = valueSchema;
      this.keySchema = keySchema;
      this.table = table;
      this.spec = spec;
      this.width = spec.columns().size();
      this.valueFields = vf.toArray(Field[]::new);
      this.valueIndex = vi.stream().mapToInt(Integer::intValue).toArray();
      this.valueConv = new Function[valueFields.length];
      for (int i = 0; i < valueFields.length; i++) {
        valueConv[i] = ConnectValues.converter(valueFields[i].schema());
      }
      this.keyFields = kf.toArray(Field[]::new);
      this.keyIndex = ki.stream().mapToInt(Integer::intValue).toArray();
      this.keyConv = new Function[keyFields.length];
      for (int i = 0; i < keyFields.length; i++) {
        keyConv[i] = ConnectValues.converter(keyFields[i].schema());
      }
      this.primitiveKeyIndex = primitiveKeyIndex;
      this.primitiveKeyConv = primitiveKeySchema == null ? null : ConnectValues.converter(primitiveKeySchema);
      this.required = required;
    }

    /**
     * The row of this record, a value per column of the table's spec; null when the record is
     * not one this plan covers or the plan cannot vouch for it.
     */
    Object[] row(SinkRecord r) {
      if (!(r.value() instanceof Struct s) || s.schema() != valueSchema) {
        return null;
      }
      Object key = r.key();
      Object[] row = new Object[width];
      try {
        if (primitiveKeyIndex < 0) {
          if (keySchema != null) {
            if (!(key instanceof Struct ks) || ks.schema() != keySchema) {
              return null;
            }
            for (int i = 0; i < keyFields.length; i++) {
              row[keyIndex[i]] = keyConv[i].apply(ks.get(keyFields[i]));
            }
          }
        } else {
          if (key == null || key instanceof Struct || key instanceof Map<?, ?> || r.keySchema() != keySchema) {
            return null;
          }
          row[primitiveKeyIndex] = primitiveKeyConv.apply(key);
        }
        for (int i = 0; i < valueFields.length; i++) {
          row[valueIndex[i]] = valueConv[i].apply(s.get(valueFields[i]));
        }
      } catch (RuntimeException e) {
        return null; // the full way reports it, naming the column
      }
      for (int i : required) {
        if (row[i] == null) {
          return null;
        }
      }
      return row;
    }
  }

  private final SinkSettings settings;
  private final Map<String, Plan> byTopic = new HashMap<>();

  StructPlans(SinkSettings settings) {
    this.settings = settings;
  }

  /** The topic's plan, or null. */
  Plan get(String topic) {
    return byTopic.get(topic);
  }

  void forget() {
    byTopic.clear();
  }

  /**
   * Learns a plan from a record that went the full way into {@code table} as {@code change};
   * leaves the topic without one when the record is of a kind plans do not cover.
   */
  void learn(SinkRecord r, Change change, TableChanges table) {
    byTopic.remove(r.topic());
    Plan plan = build(r, change, table.spec(), table);
    if (plan != null) {
      byTopic.put(r.topic(), plan);
    }
  }

  /** The plan for records like {@code r} into a table of this spec (the session's), or null. */
  Plan build(SinkRecord r, Change change, TableSpec spec, TableChanges table) {
    if (change.delete() || !(r.value() instanceof Struct s) || DebeziumEnvelope.read(r.valueSchema(), s) != null) {
      return null;
    }
    List<String> keyFieldNames = settings.keyFields();
    List<Field> kf = new ArrayList<>();
    List<Integer> ki = new ArrayList<>();
    List<String> keyNames = new ArrayList<>();
    List<Integer> required = new ArrayList<>();
    int primitiveKeyIndex = -1;
    Schema primitiveKeySchema = null;
    Schema keySchema = null;
    switch (settings.keyMode()) {
      case NONE:
        break;
      case RECORD_VALUE:
        for (String f : keyFieldNames) {
          int i = spec.indexOf(f);
          if (i < 0) {
            return null;
          }
          required.add(i);
        }
        break;
      case RECORD_KEY:
      default: {
        Object key = r.key();
        if (key instanceof Struct ks) {
          keySchema = ks.schema();
          for (Field f : keySchema.fields()) {
            if (!keyFieldNames.isEmpty() && !keyFieldNames.contains(f.name())) {
              continue;
            }
            int i = columnFor(spec, f);
            if (i < 0) {
              return null;
            }
            kf.add(f);
            ki.add(i);
            keyNames.add(f.name());
            if (!keyFieldNames.isEmpty()) {
              required.add(i);
            }
          }
          if (!keyFieldNames.isEmpty() && !keyNames.containsAll(keyFieldNames)) {
            return null;
          }
        } else if (key != null && !(key instanceof Map<?, ?>) && r.keySchema() != null) {
          String name = keyFieldNames.isEmpty() ? SinkSettings.DEFAULT_KEY_COLUMN : keyFieldNames.get(0);
          keySchema = r.keySchema();
          primitiveKeySchema = keySchema;
          primitiveKeyIndex = spec.indexOf(name);
          if (primitiveKeyIndex < 0 || !fits(spec, primitiveKeyIndex, keySchema)) {
            return null;
          }
          keyNames.add(name);
        } else {
          return null;
        }
      }
    }
    List<Field> vf = new ArrayList<>();
    List<Integer> vi = new ArrayList<>();
    for (Field f : s.schema().fields()) {
      if (keyNames.contains(f.name())) {
        continue; // the key's value is the truth for the key columns
      }
      int i = columnFor(spec, f);
      if (i < 0) {
        return null;
      }
      vf.add(f);
      vi.add(i);
    }
    if (!change.key().equals(settings.keyMode() == SinkSettings.KeyMode.RECORD_KEY ? List.copyOf(keyNames)
        : change.key())) {
      return null;
    }
    return new Plan(s.schema(), keySchema, table, spec, vf, vi, kf, ki, primitiveKeyIndex, primitiveKeySchema,
        required.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The column of a field whose type the table's column takes as it is, else -1. */
  private static int columnFor(TableSpec spec, Field f) {
    int i = spec.indexOf(f.name());
    return i >= 0 && fits(spec, i, f.schema()) ? i : -1;
  }

  private static boolean fits(TableSpec spec, int column, Schema schema) {
    PgType current = spec.columns().get(column).type();
    PgType offered;
    try {
      offered = ConnectValues.type(schema);
    } catch (RuntimeException e) {
      return false;
    }
    return current.equals(Widening.merge(current, offered));
  }
}
