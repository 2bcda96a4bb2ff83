package dev.pgdest.internal.errors;

import java.sql.SQLException;
import java.util.Map;

/**
 * What pgdest does with each SQLSTATE, in one table. PostgreSQL's codes are listed in Appendix A
 * of its manual; pgjdbc raises the 08xxx connection codes itself.
 */
public final class SqlStates {
  /** unique_violation: a key that exists already. */
  public static final String UNIQUE_VIOLATION = "23505";
  /** cardinality_violation: "ON CONFLICT DO UPDATE command cannot affect row a second time". */
  public static final String CARDINALITY_VIOLATION = "21000";
  /** duplicate_schema: a concurrent creator won the race. */
  public static final String DUPLICATE_SCHEMA = "42P06";
  /** insufficient_privilege. */
  public static final String INSUFFICIENT_PRIVILEGE = "42501";
  /** transaction_resolution_unknown: pgdest's own code for a COMMIT it could not settle. */
  public static final String RESOLUTION_UNKNOWN = "08007";

  /** What the caller can do about an error. */
  public enum Kind {
    /** The connection broke or could not be made; replaying the batch on a new one may work. */
    CONNECTION_TRANSIENT,
    /** The server refused the login or the database: fix the configuration. */
    CONNECTION_PERMANENT,
    /** Concurrency conflict or server going away: replay the whole batch. */
    RETRYABLE,
    /** The data or the statement was refused: retrying will not help. */
    DATA,
    /** The user lacks a privilege. */
    PRIVILEGE,
    /** Anything else. */
    OTHER
  }

  private static final Map<String, Kind> EXACT = Map.ofEntries(
      // 08xxx: connection exceptions. pgjdbc uses 08001 for "could not connect" and 08006 when an
      // open connection breaks; both may heal on a new connection.
      Map.entry("08000", Kind.CONNECTION_TRANSIENT), // connection_exception
      Map.entry("08001", Kind.CONNECTION_TRANSIENT), // sqlclient_unable_to_establish_sqlconnection
      Map.entry("08003", Kind.CONNECTION_TRANSIENT), // connection_does_not_exist
      Map.entry("08004", Kind.CONNECTION_PERMANENT), // sqlserver_rejected_establishment_of_sqlconnection
      Map.entry("08006", Kind.CONNECTION_TRANSIENT), // connection_failure
      Map.entry("08007", Kind.CONNECTION_TRANSIENT), // transaction_resolution_unknown
      Map.entry("08P01", Kind.CONNECTION_PERMANENT), // protocol_violation
      // 28xxx: the login itself was refused.
      Map.entry("28000", Kind.CONNECTION_PERMANENT), // invalid_authorization_specification (pg_hba)
      Map.entry("28P01", Kind.CONNECTION_PERMANENT), // invalid_password
      Map.entry("3D000", Kind.CONNECTION_PERMANENT), // invalid_catalog_name: database does not exist
      // 40xxx: transaction rollback that a replay can fix.
      Map.entry("40001", Kind.RETRYABLE), // serialization_failure
      Map.entry("40P01", Kind.RETRYABLE), // deadlock_detected
      // 53xxx: resources. Too many connections passes when others disconnect.
      Map.entry("53300", Kind.CONNECTION_TRANSIENT), // too_many_connections
      // 55P03: lock_not_available (lock_timeout) passes once the other transaction ends.
      Map.entry("55P03", Kind.RETRYABLE),
      // 57P0x: the server is shutting down or restarting.
      Map.entry("57P01", Kind.RETRYABLE), // admin_shutdown
      Map.entry("57P02", Kind.RETRYABLE), // crash_shutdown
      Map.entry("57P03", Kind.RETRYABLE), // cannot_connect_now: starting up or in recovery
      Map.entry("57P04", Kind.CONNECTION_PERMANENT), // database_dropped
      // The server closed a connection that sat idle: a new one works at once.
      Map.entry("57P05", Kind.CONNECTION_TRANSIENT), // idle_session_timeout (PostgreSQL 14+)
      Map.entry("25P03", Kind.CONNECTION_TRANSIENT), // idle_in_transaction_session_timeout
      // 57014: query_canceled, e.g. statement_timeout; the journal replays the batch.
      Map.entry("57014", Kind.RETRYABLE),
      // 42501: insufficient_privilege. A GRANT fixes it, not a retry.
      Map.entry("42501", Kind.PRIVILEGE));

  private SqlStates() {}

  /** The kind of a SQLSTATE; null or unknown codes are {@link Kind#OTHER} unless their class says more. */
  public static Kind kind(String sqlState) {
    if (sqlState == null) {
      return Kind.OTHER;
    }
    Kind exact = EXACT.get(sqlState);
    if (exact != null) {
      return exact;
    }
    if (sqlState.startsWith("08")) {
      return Kind.CONNECTION_TRANSIENT;
    }
    // 22: data exception, 23: integrity constraint violation, 42: syntax or access rule.
    if (sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.startsWith("42")) {
      return Kind.DATA;
    }
    return Kind.OTHER;
  }

  /** Whether replaying the whole batch on a fresh connection may succeed. */
  public static boolean isRetryable(String sqlState) {
    Kind kind = kind(sqlState);
    return kind == Kind.RETRYABLE || kind == Kind.CONNECTION_TRANSIENT;
  }

  /**
   * THE rule for "is this connection unusable after this error": SQLSTATE class 08, the 57P0x
   * codes of a server that ended the session (shutdown, crash, recovery, idle timeouts), 25P03,
   * and any failure without a SQLSTATE that came from I/O (a cut socket, a tunnel gone). Such a
   * connection is evicted, never returned to the pool.
   */
  public static boolean isBroken(Throwable error) {
    String state = sqlStateOf(error);
    if (state == null) {
      return hasIoCause(error);
    }
    return state.startsWith("08") || state.startsWith("57P") || "25P03".equals(state);
  }

  /**
   * Whether a failure of COMMIT leaves its outcome unknown: the connection broke (see {@link
   * #isBroken}), the statement was cancelled or timed out, or the failure was not a server error
   * at all. The transaction may then have committed, and must be settled before anything is
   * replayed. A server error that says it refused the COMMIT (e.g. a deferred constraint) is known.
   */
  public static boolean outcomeUnknown(Throwable error) {
    String state = sqlStateOf(error);
    return state == null || isBroken(error) || "57014".equals(state);
  }

  private static boolean hasIoCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException
          || t instanceof java.net.SocketException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * The most telling SQLSTATE of an exception chain: the first one found walking {@link
   * SQLException#getNextException()} and then the causes.
   */
  public static String sqlStateOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
          if (e.getSQLState() != null) {
            return e.getSQLState();
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
