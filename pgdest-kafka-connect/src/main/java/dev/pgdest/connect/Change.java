package dev.pgdest.connect;

import dev.pgdest.PgType;
import java.util.List;
import java.util.Map;

/**
 * One record, converted: the table it goes to, whether it deletes, its cells by column name (key
 * columns included) and the names of its key columns, in key order.
 *
 * @param table the target table's name
 * @param delete whether the record deletes its key (a tombstone or a Debezium {@code op=d})
 * @param cells the columns, in the record's field order
 * @param key the key columns; empty without a key
 */
record Change(String table, boolean delete, Map<String, Cell> cells, List<String> key) {

  /**
   * One column's value.
   *
   * @param type the column type the value asks for; null for a schemaless null, which says nothing
   * @param value the value as pgdest takes it (schemaless values as read, converted on landing)
   * @param schemaless whether the type was read from the value rather than from a schema
   */
  record Cell(PgType type, Object value, boolean schemaless) {}
}
