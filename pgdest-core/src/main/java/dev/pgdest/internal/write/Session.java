package dev.pgdest.internal.write;

import dev.pgdest.PgdestException;
import dev.pgdest.internal.DefaultDestination;
import dev.pgdest.internal.errors.Errors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer's hold on one pooled connection: transactions, COPY, and the TEMP tables that live as
 * long as the connection. Replaced by a fresh one after a connection fault.
 */
final class Session implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  /** How long to wait for the server to settle a transaction whose COMMIT reply was lost. */
  private static final Duration RESOLVE_WAIT = Duration.ofSeconds(30);

  private final DefaultDestination destination;
  private Connection connection;
  private final Set<String> tempTables = new HashSet<>();
  private CopyIn copy;
  private long xid;

  Session(DefaultDestination destination) {
    this.destination = destination;
  }

  Connection connection() throws SQLException {
    if (connection == null) {
      connection = destination.connection();
      connection.setAutoCommit(false);
      tempTables.clear();
    }
    return connection;
  }

  /**
   * Creates a TEMP table once per connection with DDL that must outlive failed batches,
   * committing it at once. {@code setting} is tried first and may be refused; null statements are skipped.
   */
  void ensureTemp(String name, String setting, String... statements) throws SQLException {
    if (tempTables.contains(name)) {
      return;
    }
    Connection c = connection();
    try (Statement st = c.createStatement()) {
      st.execute(setting);
      c.commit();
    } catch (SQLException e) {
      if (isBroken(e)) {
        throw e;
      }
      c.rollback(); // temp_buffers is fixed once the session used TEMP tables: keep what it has
    }
    try (Statement st = c.createStatement()) {
      for (String s : statements) {
        if (s != null) {
          st.execute(s);
        }
      }
      c.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw e;
    }
    tempTables.add(name);
  }

  /** Starts a batch transaction and records its transaction id, to settle a lost COMMIT reply. */
  void begin() throws SQLException {
    try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery("SELECT pg_catalog.txid_current()")) {
      rs.next();
      xid = rs.getLong(1);
    }
  }

  CopyIn openCopy(String sql) throws SQLException {
    copy = connection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    return copy;
  }

  long endCopy() throws SQLException {
    CopyIn c = copy;
    copy = null;
    return c.endCopy();
  }

  long update(String sql) throws SQLException {
    try (Statement st = connection().createStatement()) {
      return st.executeLargeUpdate(sql);
    }
  }

  void execute(String sql) throws SQLException {
    try (Statement st = connection().createStatement()) {
      st.execute(sql);
    }
  }

  long[] queryLongs(String sql, int n) throws SQLException {
    try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = rs.getLong(i + 1);
      }
      return out;
    }
  }

  /**
   * Commits. When the connection breaks during COMMIT the outcome is unknown: the transaction id
   * is then looked up on a new connection, so a batch that did commit is never replayed (which
   * would append its rows twice) and one that did not is.
   */
  void commit() throws SQLException {
    try {
      connection.commit();
    } catch (SQLException e) {
      if (!isBroken(e)) {
        throw e;
      }
      discard();
      if (!committed(xid)) {
        throw e;
      }
      LOG.info("COMMIT reply was lost, but transaction {} did commit", xid);
    }
  }

  private boolean committed(long id) throws SQLException {
    long deadline = System.nanoTime() + RESOLVE_WAIT.toNanos();
    while (true) {
      String status;
      try (Statement st = connection().createStatement();
           ResultSet rs = st.executeQuery("SELECT pg_catalog.txid_status(" + id + ")")) {
        rs.next();
        status = rs.getString(1);
        connection.commit();
      }
      if ("committed".equals(status)) {
        return true;
      }
      if ("aborted".equals(status)) {
        return false;
      }
      if (status == null || System.nanoTime() > deadline) {
        throw new PgdestException("the outcome of a COMMIT is unknown (transaction " + id + " is " + status
            + "); the batch was not replayed to avoid landing it twice", null, "08007", false);
      }
      try {
        Thread.sleep(100); // the old backend has not noticed the lost connection yet
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new PgdestException("interrupted while settling a lost COMMIT");
      }
    }
  }

  /** Abandons the open COPY and transaction; drops the connection when it is broken. */
  void rollbackQuietly() {
    if (copy != null) {
      try {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      } catch (SQLException e) {
        LOG.debug("cancelling COPY failed: {}", e.getMessage());
      }
      copy = null;
    }
    if (connection != null) {
      try {
        connection.rollback();
      } catch (SQLException e) {
        discard();
      }
    }
  }

  /** Forgets a broken connection (its TEMP tables went with it); the pool evicts it. */
  void discard() {
    copy = null;
    if (connection != null) {
      try {
        destination.evict(connection);
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing a broken connection failed: {}", e.getMessage());
      }
      connection = null;
      tempTables.clear();
    }
  }

  static boolean isBroken(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("08");
  }

  /** Drops TEMP tables and returns the connection to the pool. */
  @Override
  public void close() {
    if (connection == null) {
      return;
    }
    rollbackQuietly();
    if (connection != null) {
      try (Statement st = connection.createStatement()) {
        for (String t : tempTables) {
          st.execute("DROP TABLE IF EXISTS " + t);
        }
        connection.commit();
      } catch (SQLException e) {
        LOG.debug("dropping staging tables failed: {}", Errors.describe(e));
      }
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("returning a connection failed: {}", e.getMessage());
      }
      connection = null;
    }
  }
}
