package dev.pgdest.connect;

import dev.pgdest.PgType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a {@link SinkRecord} into a {@link Change}: unwraps a Debezium envelope, reads a
 * {@link Struct} by its schema or a schemaless {@link Map} by its values, adds the key columns
 * from the record key or names them among the value's fields, and reads a tombstone as a delete.
 * Pure: no connection, no state; unit-tested without a cluster.
 */
final class RecordConverter {

  private final SinkSettings settings;

  RecordConverter(SinkSettings settings) {
    this.settings = settings;
  }

  /**
   * The change this record asks for, or null when it asks for none (a Debezium truncate or
   * message, a delete where deletes are off or the table is append-only).
   *
   * @throws RecordRejected when the record cannot be read, naming the column at fault
   */
  Change convert(SinkRecord record) {
    String table = settings.tableName(record.topic());
    Object value = record.value();
    DebeziumEnvelope env = DebeziumEnvelope.read(record.valueSchema(), value);
    boolean delete;
    Map<String, Change.Cell> cells = new LinkedHashMap<>();
    if (value == null) {
      delete = true;
    } else if (env != null) {
      if (env.isDelete()) {
        delete = true;
        addRow(env.beforeSchema(), env.before(), cells);
      } else if (env.isWrite()) {
        delete = false;
        if (env.after() == null) {
          throw new RecordRejected(null, "Debezium event op=" + env.op() + " has no \"after\" row");
        }
        addRow(env.afterSchema(), env.after(), cells);
      } else {
        return null;
      }
      addSourceVersion(env, cells);
    } else {
      delete = false;
      addRow(record.valueSchema(), value, cells);
    }
    if (delete && (!settings.deletesEnabled() || settings.insertMode() == SinkSettings.InsertMode.APPEND)) {
      return null;
    }
    List<String> key = addKey(record, cells, delete);
    return new Change(table, delete, cells, key);
  }

  private void addSourceVersion(DebeziumEnvelope env, Map<String, Change.Cell> cells) {
    SinkSettings.VersionSource source = settings.versionSource();
    if (source == null) {
      return;
    }
    Object v = source.envelopeField() == null ? env.tsMs() : env.sourceField(source.envelopeField());
    if (!(v instanceof Number n)) {
      throw new RecordRejected(source.column(), "the Debezium event has no numeric " + source.configValue()
          + " for the version column");
    }
    cells.put(source.column(), new Change.Cell(PgType.BIGINT, n.longValue(), false));
  }

  private static void addRow(Schema schema, Object row, Map<String, Change.Cell> cells) {
    if (row == null) {
      return;
    }
    if (row instanceof Struct s) {
      for (Field f : s.schema().fields()) {
        cells.put(f.name(), cell(f.name(), f.schema(), s.get(f)));
      }
    } else if (row instanceof Map<?, ?> m && (schema == null || schema.type() == Schema.Type.MAP)) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String name = String.valueOf(e.getKey());
        cells.put(name, schemaless(e.getValue()));
      }
    } else {
      throw new RecordRejected(null, "the record value is a " + row.getClass().getSimpleName()
          + "; the sink needs a struct, a map, or a Debezium change event");
    }
  }

  private static Change.Cell cell(String column, Schema schema, Object value) {
    try {
      return new Change.Cell(ConnectValues.type(schema), ConnectValues.value(schema, value), false);
    } catch (RuntimeException e) {
      throw new RecordRejected(column, "value does not match its schema " + describe(schema) + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static Change.Cell schemaless(Object value) {
    return new Change.Cell(SchemalessValues.type(value), value, true);
  }

  private List<String> addKey(SinkRecord record, Map<String, Change.Cell> cells, boolean delete) {
    List<String> fields = settings.keyFields();
    switch (settings.keyMode()) {
      case NONE:
        return List.of();
      case RECORD_VALUE: {
        if (delete && record.value() == null) {
          throw new RecordRejected(null, "a tombstone has no value to read the key fields " + fields
              + " from; use key.mode=record_key to delete on tombstones");
        }
        requirePresent(fields, cells);
        return fields;
      }
      case RECORD_KEY:
      default:
        return addRecordKey(record, cells, fields);
    }
  }

  private static List<String> addRecordKey(SinkRecord record, Map<String, Change.Cell> cells, List<String> fields) {
    Object key = record.key();
    if (key == null) {
      throw new RecordRejected(null, "the record has no key and key.mode is record_key");
    }
    Map<String, Change.Cell> keyCells = new LinkedHashMap<>();
    if (key instanceof Struct || key instanceof Map<?, ?>) {
      addRow(record.keySchema(), key, keyCells);
      if (!fields.isEmpty()) {
        keyCells.keySet().retainAll(fields);
        requirePresent(fields, keyCells);
      }
    } else {
      String name = fields.isEmpty() ? SinkSettings.DEFAULT_KEY_COLUMN : fields.get(0);
      keyCells.put(name, record.keySchema() == null ? schemaless(key) : cell(name, record.keySchema(), key));
    }
    List<String> names = fields.isEmpty() ? new ArrayList<>(keyCells.keySet()) : fields;
    for (String n : names) {
      // The key's value is the truth for the key columns: a value field of the same name yields.
      cells.remove(n);
    }
    Map<String, Change.Cell> ordered = new LinkedHashMap<>(keyCells);
    ordered.putAll(cells);
    cells.clear();
    cells.putAll(ordered);
    return List.copyOf(names);
  }

  private static void requirePresent(List<String> fields, Map<String, Change.Cell> cells) {
    for (String f : fields) {
      Change.Cell c = cells.get(f);
      if (c == null || c.value() == null) {
        throw new RecordRejected(f, "key field is missing or null");
      }
    }
  }

  private static String describe(Schema s) {
    return s.name() != null ? s.name() : s.type().getName();
  }
}
