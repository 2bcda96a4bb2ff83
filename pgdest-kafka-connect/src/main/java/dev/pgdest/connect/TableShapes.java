package dev.pgdest.connect;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of each table a task writes, learnt from its records: the columns seen so far with
 * their types, and the key. Fits each {@link Change} to its table, widening or adding columns
 * when schema evolution is on, and says when the {@link TableSpec} changed so that the session
 * evolves the table. A refused record leaves the shape as it was. Not thread-safe.
 */
final class TableShapes {

  /**
   * A change fitted to its table.
   *
   * @param spec the table's spec, including what this change added
   * @param changed whether the spec differs from the one before this change
   * @param row the values by column name, converted to the columns' types
   */
  record Fitted(TableSpec spec, boolean changed, Map<String, Object> row) {}

  private record Shape(Map<String, PgType> columns, List<String> key, TableSpec spec) {}

  private final SinkSettings settings;
  private final Map<String, Shape> shapes = new HashMap<>();

  TableShapes(SinkSettings settings) {
    this.settings = settings;
  }

  /** @throws RecordRejected when the change does not fit its table, naming the column */
  Fitted fit(Change change) {
    Shape shape = shapes.get(change.table());
    if (shape != null && !change.key().equals(shape.key())) {
      throw new RecordRejected(null, "the key columns " + change.key() + " differ from the table's " + shape.key());
    }
    Map<String, PgType> columns = shape == null ? new LinkedHashMap<>() : shape.columns();
    Map<String, PgType> updated = null;
    for (Map.Entry<String, Change.Cell> e : change.cells().entrySet()) {
      String name = e.getKey();
      Change.Cell cell = e.getValue();
      PgType current = (updated != null ? updated : columns).get(name);
      PgType next;
      if (current == null) {
        next = cell.type();
        if (next == null) {
          continue;
        }
        if (shape != null && !settings.schemaEvolution()) {
          throw new RecordRejected(name, "the table \"" + change.table() + "\" has no such column and schema.evolution is off");
        }
      } else {
        next = cell.schemaless() ? SchemalessValues.merge(current, cell.type()) : Widening.merge(current, cell.type());
        if (next == null) {
          throw new RecordRejected(name, "a " + cell.type().sqlName() + " value does not fit the column's type "
              + current.sqlName());
        }
        if (!next.equals(current) && !settings.schemaEvolution()) {
          throw new RecordRejected(name, "the column is " + current.sqlName() + ", the record needs "
              + next.sqlName() + " and schema.evolution is off");
        }
      }
      if (!next.equals(current)) {
        if (updated == null) {
          updated = new LinkedHashMap<>(columns);
        }
        updated.put(name, next);
      }
    }
    Map<String, PgType> finalColumns = updated != null ? updated : columns;
    String version = settings.versionColumn();
    if (version != null && !change.delete() && !finalColumns.containsKey(version)) {
      throw new RecordRejected(version, "the version column is missing from the record");
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (Map.Entry<String, Change.Cell> e : change.cells().entrySet()) {
      PgType type = finalColumns.get(e.getKey());
      if (type != null) {
        Change.Cell cell = e.getValue();
        row.put(e.getKey(), cell.schemaless() ? fitSchemaless(e.getKey(), type, cell.value()) : cell.value());
      }
    }
    if (shape != null && updated == null) {
      return new Fitted(shape.spec(), false, row);
    }
    TableSpec spec = spec(change.table(), finalColumns, change.key(), version);
    shapes.put(change.table(), new Shape(finalColumns, change.key(), spec));
    return new Fitted(spec, true, row);
  }

  private TableSpec spec(String table, Map<String, PgType> columns, List<String> key, String version) {
    TableSpec.Builder b = TableSpec.builder(table);
    columns.forEach(b::column);
    if (settings.insertMode() == SinkSettings.InsertMode.UPSERT) {
      // An append-only table takes every record, so a key read from records is no constraint.
      b.primaryKey(key.toArray(String[]::new));
    }
    if (version != null && columns.containsKey(version)) {
      b.versionColumn(version);
    }
    String soft = settings.softDeleteColumn();
    if (soft != null && !key.isEmpty() && settings.insertMode() == SinkSettings.InsertMode.UPSERT) {
      b.softDelete(soft);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new RecordRejected(null, "the record's columns make no valid table: " + e.getMessage(), e);
    }
  }

  private static Object fitSchemaless(String column, PgType type, Object value) {
    try {
      return SchemalessValues.fit(type, value);
    } catch (RuntimeException e) {
      throw new RecordRejected(column, e.getMessage(), e);
    }
  }
}
