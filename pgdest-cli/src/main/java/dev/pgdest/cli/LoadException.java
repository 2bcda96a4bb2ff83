package dev.pgdest.cli;

/**
 * A {@link FileLoad} that stopped: an input that cannot be read, a row that cannot be loaded
 * without {@code --reject skip}, or a write the destination refused. The message names the input,
 * the line and, for a value, the column, never the value. Rows of batches committed before the
 * failure stay in the table (except under REPLACE, which lands all or nothing);
 * {@link #rowsCommitted()} says how many.
 */
public final class LoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long rowsCommitted;

  /** A failed load, with how many rows had already been committed. */
  public LoadException(String message, long rowsCommitted, Throwable cause) {
    super(message, cause);
    this.rowsCommitted = rowsCommitted;
  }

  /** Rows that landed in committed batches before the failure. */
  public long rowsCommitted() {
    return rowsCommitted;
  }
}
