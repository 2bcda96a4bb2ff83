package dev.pgdest;

import java.util.Map;

/**
 * Writes rows into one table in one {@link WriteMode}. Rows are validated and encoded as they are
 * given and streamed to the server in batches (by rows and by bytes, see {@link
 * DestinationConfig#batchRows()}); each batch is one transaction, so it lands whole or not at all.
 * {@link #commit()} lands the tail. A writer holds one pooled connection until closed.
 *
 * <p>Not thread-safe: use a writer from one thread. Open one writer per thread; a {@link
 * Destination} serves many at once (up to its pool size). A call made while another thread is
 * inside the same writer fails at once with an {@link IllegalStateException} and changes nothing.
 *
 * <p>After any exception from {@link #write} or {@link #commit()} the writer is spent: the batch
 * in progress was rolled back (the table is as it was after the last committed batch), and every
 * further call throws {@link IllegalStateException}. {@link #close()} without {@link #commit()}
 * discards the rows not yet committed.
 *
 * <pre>{@code
 * try (TableWriter w = destination.writer(spec, WriteMode.UPSERT)) {
 *   w.write(1L, "a@example.com");
 *   w.write(Map.of("id", 2L, "email", "b@example.com"));
 *   WriteResult r = w.commit();
 * }
 * }</pre>
 */
public interface TableWriter extends AutoCloseable {

  /**
   * Writes one row: a value per column of the {@link TableSpec}, in its order (in {@link
   * WriteMode#DELETE} mode: the primary-key values only). Null means SQL NULL.
   *
   * @throws DataException when a value does not fit its column; names table, column and row
   *     position, never the value
   * @throws PgdestException when the batch this row completed could not be committed
   */
  void write(Object... values);

  /**
   * Writes one row given by column name; missing columns are NULL, unknown names are an error.
   *
   * @throws DataException as {@link #write(Object...)}
   */
  void write(Map<String, ?> row);

  /**
   * Lands the rows written since the last batch and returns totals for the writer's life. In
   * {@link WriteMode#REPLACE} this is the moment the new contents replace the old. The writer may
   * be used again afterwards.
   */
  WriteResult commit();

  /** Totals of what was committed so far. */
  WriteResult result();

  /** Rolls back uncommitted rows, drops staging and returns the connection. Idempotent. */
  @Override
  void close();
}
