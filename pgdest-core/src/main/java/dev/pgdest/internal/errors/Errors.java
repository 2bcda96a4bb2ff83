package dev.pgdest.internal.errors;

import dev.pgdest.ConnectionException;
import dev.pgdest.PgdestException;
import dev.pgdest.TunnelException;
import dev.pgdest.spi.TunnelFailure;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.Locale;
import javax.net.ssl.SSLException;
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
   * A connect failure that no retry fixes (see {@link #isPermanentConnectFailure}): not retryable,
   * the driver's reason in the message.
   */
  public static ConnectionException permanentConnectFailure(String action, Throwable error) {
    String state = SqlStates.sqlStateOf(error);
    return new ConnectionException(action + " failed: " + describe(error) + (state == null ? "" : " [SQLSTATE " + state
        + "]") + "; Destination.check() explains what to change", error, state, false);
  }

  /** The pool found no connection in time: the last attempt's reason goes in the message. */
  public static PgdestException poolTimeout(String action, SQLException timeout) {
    Throwable last = timeout.getCause();
    if (last == null || find(last, TunnelFailure.class) != null) {
      return translate(action, timeout);
    }
    String state = SqlStates.sqlStateOf(last);
    return new ConnectionException(action + " failed: no connection within the pool's timeout; last attempt: "
        + describe(last) + (state == null ? "" : " [SQLSTATE " + state + "]"), timeout, state, true);
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

  /**
   * Whether a failed connect attempt fails for a reason that no retry fixes: the login was refused
   * (28xxx: wrong password, a role that may not log in, no pg_hba line), the database does not
   * exist (3D000), the server refused the connection outright (08004, e.g. it does not offer the
   * TLS the configuration requires), or the TLS handshake failed (an untrusted or misnamed
   * certificate). Connection refused, timeouts and "too many connections" may pass.
   */
  public static boolean isPermanentConnectFailure(Throwable error) {
    String state = SqlStates.sqlStateOf(error);
    if (state != null && (state.startsWith("28") || state.equals("3D000") || state.equals("08004"))) {
      return true;
    }
    if (find(error, SSLException.class) != null || find(error, CertificateException.class) != null) {
      return true;
    }
    String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
    return message.contains("hostname") && message.contains("verif"); // pgjdbc's hostname check has no cause
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
