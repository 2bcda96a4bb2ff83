package dev.pgdest;

import java.util.Map;

/**
 * The changes of one table within a {@link SyncSession}. Within one commit the last operation per
 * key wins: an upsert then a delete of a key deletes it, a delete then an upsert leaves it present.
 * With a {@linkplain TableSpec.Builder#versionColumn version column} a change applies only when its
 * version is at least the stored row's; with a {@linkplain TableSpec.Builder#softDelete soft-delete
 * column} a delete sets that column instead of deleting, and a later upsert clears it.
 *
 * <p>Each method returns the change's position: its 1-based ordinal among all changes given to the
 * session since the last commit, across tables. A {@link Rejection} names it, so that the caller
 * can tell which of its records was refused.
 *
 * <p>Not thread-safe; used from the session's thread.
 *
 * <pre>{@code
 * TableChanges users = sync.table(usersSpec);
 * users.upsert(1L, "a@example.com");
 * users.delete(2L);
 * }</pre>
 */
public interface TableChanges {

  /** The table's spec. */
  TableSpec spec();

  /**
   * Inserts or updates a row: a value per column of the spec, in its order.
   *
   * @throws DataException under {@link RejectPolicy#FAIL} when a value does not fit its column
   * @throws IllegalStateException in an APPEND table
   */
  long upsert(Object... values);

  /** As {@link #upsert(Object...)}, by column name; missing columns are NULL. */
  long upsert(Map<String, ?> row);

  /**
   * Deletes the row of this primary key (values in key order).
   *
   * @throws IllegalStateException in an APPEND table
   */
  long delete(Object... key);

  /**
   * As {@link #delete(Object...)}, reading the key columns of a row given by name. On a table with a
   * version column, include it: the delete then applies only when its version is at least the stored
   * row's, whereas a key-only delete applies whatever the stored version.
   */
  long delete(Map<String, ?> key);

  /**
   * Inserts a row into an APPEND table; it lands exactly once, with the commit.
   *
   * @throws IllegalStateException in an UPSERT table
   */
  long append(Object... values);

  /** As {@link #append(Object...)}, by column name. */
  long append(Map<String, ?> row);
}
