package dev.pgdest.internal.pool;

import com.zaxxer.hikari.HikariDataSource;
import dev.pgdest.internal.errors.Errors;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Lets a permanent connect failure (wrong password, a role that may not log in, a missing database,
 * TLS refused) reach the caller at once. HikariCP keeps retrying a failed login until its connection
 * timeout and then reports a timeout with the real cause buried; here the driver data source is
 * wrapped so that such a failure is remembered and wakes every thread waiting in the pool, which
 * then throws that failure instead. Passing failures (connection refused, too many connections)
 * still wait out the timeout, since the server may come back. Thread-safe.
 */
public final class ConnectGate {
  private final Set<Thread> waiting = new HashSet<>();
  private final Set<Thread> woken = new HashSet<>();
  private volatile SQLException permanent;

  /** The data source to give the pool: {@code driver}, watched. */
  public DataSource watch(DataSource driver) {
    return new Watched(driver);
  }

  /**
   * A connection from {@code pool}.
   *
   * @throws PermanentConnectFailure the login failed for a reason no retry fixes
   * @throws SQLException the pool's own failure (a timeout, with the last cause)
   */
  public Connection borrow(HikariDataSource pool) throws SQLException {
    Thread me = Thread.currentThread();
    synchronized (this) {
      waiting.add(me);
    }
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      SQLException cause = permanent;
      if (wasWoken(me) && cause != null) {
        throw new PermanentConnectFailure(cause);
      }
      throw e;
    } finally {
      wasWoken(me);
    }
  }

  /** Deregisters {@code me}; clears the interrupt this gate sent it, if any. */
  private synchronized boolean wasWoken(Thread me) {
    waiting.remove(me);
    if (woken.remove(me)) {
      Thread.interrupted();
      return true;
    }
    return false;
  }

  private synchronized void wakeWaiters() {
    for (Thread t : waiting) {
      if (woken.add(t)) {
        t.interrupt();
      }
    }
  }

  /** A connect failure that no retry fixes, carrying the driver's exception. */
  public static final class PermanentConnectFailure extends SQLException {
    private static final long serialVersionUID = 1L;

    PermanentConnectFailure(SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause);
    }
  }

  /** Delegates to the driver and remembers how its last connect attempt ended. */
  private final class Watched implements DataSource {
    private final DataSource driver;

    Watched(DataSource driver) {
      this.driver = driver;
    }

    @Override
    public Connection getConnection() throws SQLException {
      try {
        Connection c = driver.getConnection();
        permanent = null;
        return c;
      } catch (SQLException e) {
        if (Errors.isPermanentConnectFailure(e)) {
          permanent = e;
          wakeWaiters();
        }
        throw e;
      }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("credentials are set on the driver data source");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      driver.setLogWriter(out);
    }

    /** Ignored: the pool would set its own acquisition timeout, and the configured connect timeout holds. */
    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() throws SQLException {
      return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return type.isInstance(this) ? type.cast(this) : driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return type.isInstance(this) || driver.isWrapperFor(type);
    }
  }
}
