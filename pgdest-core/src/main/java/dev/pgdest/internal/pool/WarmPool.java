package dev.pgdest.internal.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A HikariCP pool that opens nothing until it is first used, then keeps {@code minIdle}
 * connections open: a destination opened against a server that is down (or behind a tunnel not
 * up yet) does not connect in the background, and a writer opened after the pool sat idle does
 * not pay for a TCP connection, TLS, a tunnel and a login. Thread-safe.
 */
final class WarmPool extends HikariDataSource {
  private final int minIdle;
  private volatile boolean warm;

  WarmPool(HikariConfig config, int minIdle) {
    super(config);
    this.minIdle = minIdle;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = super.getConnection();
    if (!warm) {
      warm = true;
      // The pool's housekeeper reads this at its next run and opens the connections it lacks.
      getHikariConfigMXBean().setMinimumIdle(minIdle);
    }
    return c;
  }
}
