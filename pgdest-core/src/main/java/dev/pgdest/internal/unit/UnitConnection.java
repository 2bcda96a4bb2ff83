package dev.pgdest.internal.unit;

import dev.pgdest.PgdestException;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.errors.SqlStates;
import dev.pgdest.internal.sql.UnitSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unit of work's hold on one pooled connection: its transaction and transaction id, the TEMP
 * tables that live as long as the connection, and the one place that settles a COMMIT whose outcome
 * is unknown. Replaced by a fresh connection after a connection fault. Not thread-safe.
 */
public final class UnitConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UnitConnection.class);
  /** At most this many dead pooled connections are replaced in a row before the failure counts. */
  private static final int DEAD_POOLED_CONNECTIONS = 16;

  private final ConnectionSource source;
  private Connection connection;
  /** TEMP tables committed on this connection. */
  private final Set<String> tempTables = new HashSet<>();
  /** TEMP tables created in the open transaction: gone if it rolls back. */
  private final Set<String> pendingTemp = new HashSet<>();
  private long xid;

  UnitConnection(ConnectionSource source) {
    this.source = source;
  }

  /** The connection, in manual-commit mode, acquiring one when needed. */
  public Connection connection() throws SQLException {
    if (connection == null) {
      for (int attempt = 1; connection == null; attempt++) {
        Connection c = source.connection();
        try {
          c.setAutoCommit(false);
          sizeTempBuffers(c);
          connection = c;
        } catch (SQLException | RuntimeException e) {
          evictQuietly(c);
          // A pooled connection the server closed while it sat idle (idle_session_timeout, a
          // restart) fails its first statement; every idle one went the same way, and nothing was
          // sent on them yet: take the next, until the pool opens a live one.
          if (attempt >= DEAD_POOLED_CONNECTIONS || !SqlStates.isBroken(e)) {
            throw e;
          }
          LOG.debug("Replacing a pooled connection the server closed while it was idle: {}", e.getMessage());
        }
      }
      tempTables.clear();
      pendingTemp.clear();
    }
    return connection;
  }

  /**
   * Room for staging tables in the session's local buffers: PostgreSQL's default of 8 MB is smaller
   * than a batch, which would send the stage to disk. Settable only before the session first
   * touches a TEMP table (a pooled connection may have), so a refusal keeps what the session has.
   */
  private void sizeTempBuffers(Connection c) throws SQLException {
    long mb = Math.max(8, Math.min(256, source.config().batchBytes() * 2 / (1024 * 1024)));
    try (Statement st = c.createStatement()) {
      st.execute(UnitSql.tempBuffers(mb));
      c.commit();
    } catch (SQLException e) {
      if (SqlStates.isBroken(e)) {
        throw e;
      }
      c.rollback();
    }
  }

  /**
   * Creates a TEMP table once per connection, inside the open transaction (so it goes with a
   * rollback and is made again on the replay). Null statements are skipped.
   */
  public void ensureTemp(String name, String... statements) throws SQLException {
    if (tempTables.contains(name) || pendingTemp.contains(name)) {
      return;
    }
    for (String s : statements) {
      if (s != null) {
        execute(s);
      }
    }
    pendingTemp.add(name);
  }

  /** Whether a connection is held from earlier work (it may have been closed by the server since). */
  boolean isHeld() {
    return connection != null;
  }

  /** Starts a transaction and records its id, to settle a lost COMMIT reply. */
  void begin() throws SQLException {
    try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(UnitSql.CURRENT_XID)) {
      rs.next();
      xid = rs.getLong(1);
    }
  }

  public long update(String sql) throws SQLException {
    try (Statement st = connection().createStatement()) {
      return st.executeLargeUpdate(sql);
    }
  }

  public void execute(String sql) throws SQLException {
    try (Statement st = connection().createStatement()) {
      st.execute(sql);
    }
  }

  public long[] queryLongs(String sql, int n) throws SQLException {
    try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = rs.getLong(i + 1);
      }
      return out;
    }
  }

  /** Commits DDL or settings run outside a unit's transaction (no settlement: nothing to double). */
  public void commitSetup() throws SQLException {
    connection().commit();
    tempTables.addAll(pendingTemp);
    pendingTemp.clear();
  }

  /**
   * Commits the unit's transaction. When the outcome is unknown (see {@link
   * SqlStates#outcomeUnknown}), the transaction id is looked up on a new connection, so that a
   * unit that did commit is never replayed and one that did not is.
   *
   * @throws SQLException when the COMMIT was refused or did not happen
   * @throws PgdestException (08007, not retryable) when the outcome cannot be settled
   */
  void commit() throws SQLException {
    try {
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      if (!SqlStates.outcomeUnknown(e)) {
        pendingTemp.clear();
        throw e;
      }
      discard();
      if (!new LostCommit(source, xid).committed()) {
        throw e;
      }
      LOG.warn("The COMMIT reply was lost ({}), but transaction {} did commit; not replaying", Errors.describe(e), xid);
      return;
    }
    tempTables.addAll(pendingTemp);
    pendingTemp.clear();
  }

  /** Rolls back the open transaction; drops the connection when that fails. Never throws. */
  void rollbackQuietly() {
    pendingTemp.clear();
    if (connection != null) {
      try {
        connection.rollback();
      } catch (SQLException | RuntimeException e) {
        discard();
      }
    }
  }

  /**
   * Forgets a broken connection (its TEMP tables went with it). The pool evicts and closes it;
   * closing it here as well would hand HikariCP a connection it already reset. Never throws.
   */
  void discard() {
    if (connection != null) {
      evictQuietly(connection);
      connection = null;
      tempTables.clear();
      pendingTemp.clear();
    }
  }

  private void evictQuietly(Connection c) {
    try {
      source.evict(c);
    } catch (RuntimeException e) {
      LOG.debug("evicting a broken connection failed: {}", e.toString());
    }
  }

  /** Drops the TEMP tables and returns the connection to the pool. Never throws. */
  @Override
  public void close() {
    if (connection == null) {
      return;
    }
    rollbackQuietly();
    if (connection == null) {
      return;
    }
    try (Statement st = connection.createStatement()) {
      for (String t : tempTables) {
        st.execute(UnitSql.dropIfExists(t));
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("dropping staging tables failed: {}", Errors.describe(e));
      discard();
      return;
    }
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("returning a connection failed: {}", e.toString());
    }
    connection = null;
    tempTables.clear();
  }
}
