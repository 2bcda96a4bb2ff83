package dev.pgdest;

/**
 * How a {@link TableWriter} lands its rows.
 *
 * <pre>{@code
 * try (TableWriter w = destination.writer(spec, WriteMode.UPSERT)) { ... }
 * }</pre>
 */
public enum WriteMode {
  /** Insert every row. Fastest: rows are copied straight into the table. */
  APPEND,
  /**
   * Insert rows whose primary key is new, update rows whose key exists and whose values differ.
   * Within one load the last row of a key wins. Needs a primary key in the {@link TableSpec}.
   */
  UPSERT,
  /**
   * The table's contents become exactly the rows of this writer, swapped in atomically by {@link
   * TableWriter#commit()}: readers see the old contents until then, never an empty or half-loaded
   * table. All batches land together; with a primary key, the last row of a key wins.
   */
  REPLACE,
  /**
   * Delete the rows whose primary key is given. {@link TableWriter#write(Object...)} takes the key
   * values only, in primary-key order; {@link TableWriter#write(java.util.Map)} reads the key columns.
   */
  DELETE
}
