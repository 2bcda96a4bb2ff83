package dev.pgdest;

import java.util.Optional;

/**
 * The root of every exception pgdest throws. Unchecked, because a caller can rarely do more than
 * log, retry or give up, and the subclasses say which: {@link ConfigurationException} (fix the
 * settings), {@link ConnectionException} (the server could not be reached or refused us),
 * {@link TunnelException} (the SSH bastion), {@link DataException} (a row does not fit its column).
 *
 * <p>Messages name what was wrong and where, never a password, a key or a row's value. A server
 * error keeps the original {@link java.sql.SQLException} as the cause and exposes its SQLSTATE.
 *
 * <pre>{@code
 * try {
 *   writer.commit();
 * } catch (PgdestException e) {
 *   if (e.isRetryable()) scheduleRetry(); else alert(e.sqlState().orElse("none"), e.getMessage());
 * }
 * }</pre>
 */
public class PgdestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;
  private final boolean retryable;

  /** An error without a SQLSTATE that is not worth retrying. */
  public PgdestException(String message) {
    this(message, null, null, false);
  }

  /** An error with its cause, a SQLSTATE when the server sent one, and whether a retry may help. */
  public PgdestException(String message, Throwable cause, String sqlState, boolean retryable) {
    super(message, cause);
    this.sqlState = sqlState;
    this.retryable = retryable;
  }

  /** The five-character SQLSTATE the server reported, when the error came from the server. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }

  /**
   * Whether the same work may succeed if tried again (connection lost, server restarting,
   * deadlock, serialization failure). pgdest already retried such faults a bounded number of
   * times before throwing.
   */
  public boolean isRetryable() {
    return retryable;
  }
}
