package dev.pgdest.internal.unit;

import java.sql.SQLException;

/**
 * What one table contributes to a {@link UnitOfWork}: its journaled rows, where they are copied,
 * the statements that apply them, and how it adapts when the server refuses a plan. Implemented by
 * the write path's per-table stage; a unit holds one or several.
 */
public interface TableWork {

  /** The table's name as the caller gave it, for messages. */
  String name();

  /** What the unit holds of this table, for messages: e.g. {@code rows 1..500 of table "users"}. */
  String where();

  /** The table's OID: units apply tables in this order, so concurrent units never deadlock. */
  long oid();

  /** The rows of this unit, as binary COPY rows without header or trailer. */
  Journal journal();

  /** Rows in {@link #journal()}. */
  long rows();

  /** Hands bytes still buffered by the encoder to the journal (and so to a live COPY). */
  void flush();

  /**
   * Committed setup outside any transaction (REPLACE's load table), run before a unit's
   * transaction starts; idempotent.
   */
  default void setup(UnitConnection c) throws SQLException {}

  /** Prepares this table's part of the open transaction (a TEMP stage) and returns its COPY statement. */
  String openCopy(UnitConnection c) throws SQLException;

  /**
   * Applies the copied rows (merge, delete, nothing for a direct COPY).
   *
   * @param copied rows the server took in this transaction's COPYs of this table
   * @return inserted, updated, deleted
   */
  long[] apply(UnitConnection c, long copied) throws SQLException;

  /**
   * The server refused the plan with this SQLSTATE (e.g. 23505 during a direct COPY, 21000 in a
   * merge): whether the table changed its plan so that a replay may succeed.
   */
  boolean adapt(String sqlState);

  /** Whether a row (0-based in the journal) is left out of replays: a rejected change. */
  default boolean excluded(long row) {
    return false;
  }

  /**
   * The server refused a row (0-based in the journal, or -1 when it could not be found): whether
   * the table rejects it and the unit goes on without it ({@link dev.pgdest.RejectPolicy#SKIP}).
   */
  default boolean reject(long row, String column, String sqlState, String reason) {
    return false;
  }

  /** The caller's position of a row (0-based in the journal), for messages. */
  long position(long row);

  /** The unit committed: take the counts of {@link #apply} as landed. */
  void landed(long[] counts);
}
