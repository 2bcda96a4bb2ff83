package dev.pgdest.internal.errors;

import dev.pgdest.ConnectionException;
import dev.pgdest.PgdestException;
import dev.pgdest.TunnelException;
import dev.pgdest.spi.TunnelFailure;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns driver and tunnel failures into {@link PgdestException}s whose messages hold no secrets or values. */
public final class Errors {
  private Errors() {}

  /**
   * The exception to throw for a failed action.
   *
   * @param action what pgdest was doing, e.g. {@code "creating schema \"acme\""}
   */
  public static PgdestException translate(String action, Throwable error) {
    TunnelFailure tunnel = find(error, TunnelFailure.class);
    if (tunnel != null) {
      return new TunnelException(action + " failed: " + tunnel.getMessage(), error,
          tunnel.reason() == TunnelFailure.Reason.BASTION_UNREACHABLE || tunnel.reason() == TunnelFailure.Reason.OTHER);
    }
    String state = SqlStates.sqlStateOf(error);
    SqlStates.Kind kind = SqlStates.kind(state);
    String message = action + " failed: " + describe(error) + (state == null ? "" : " [SQLSTATE " + state + "]");
    if (kind == SqlStates.Kind.CONNECTION_TRANSIENT || kind == SqlStates.Kind.CONNECTION_PERMANENT) {
      return new ConnectionException(message, error, state, kind == SqlStates.Kind.CONNECTION_TRANSIENT);
    }
    return new PgdestException(message, error, state, SqlStates.isRetryable(state));
  }

  /**
   * The server's primary message, without DETAIL. For data exceptions (class 22), whose text may
   * quote the offending value, only the column and constraint names are kept.
   */
  public static String describe(Throwable error) {
    PSQLException psql = find(error, PSQLException.class);
    if (psql != null && psql.getServerErrorMessage() != null) {
      ServerErrorMessage m = psql.getServerErrorMessage();
      String state = m.getSQLState();
      if (state != null && state.startsWith("22")) {
        StringBuilder s = new StringBuilder("the server rejected a value");
        if (m.getColumn() != null) {
          s.append(" in column \"").append(m.getColumn()).append('"');
        }
        if (m.getTable() != null) {
          s.append(" of table \"").append(m.getTable()).append('"');
        }
        return s.toString();
      }
      return m.getMessage();
    }
    if (error instanceof SQLException && error.getMessage() != null) {
      return error.getMessage();
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  /** The first throwable of this type in the cause chain, or null. */
  public static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
