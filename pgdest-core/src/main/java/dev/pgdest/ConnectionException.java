package dev.pgdest;

/**
 * PostgreSQL could not be reached, refused the login, or the connection broke. {@link
 * #isRetryable()} tells a passing fault (connection reset, server restarting) from a lasting one
 * (wrong password, missing database). {@link Destination#check()} explains each case in plain words.
 */
public class ConnectionException extends PgdestException {
  private static final long serialVersionUID = 1L;

  /** A connection error with its cause, SQLSTATE (may be null) and retryability. */
  public ConnectionException(String message, Throwable cause, String sqlState, boolean retryable) {
    super(message, cause, sqlState, retryable);
  }
}
