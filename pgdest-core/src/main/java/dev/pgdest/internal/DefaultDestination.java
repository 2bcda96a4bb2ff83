package dev.pgdest.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.pgdest.CheckReport;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgdestException;
import dev.pgdest.ProgressListener;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.internal.check.DestinationCheck;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.pool.PoolFactory;
import dev.pgdest.internal.schema.SchemaCreator;
import dev.pgdest.internal.tunnel.TunnelManager;
import dev.pgdest.internal.unit.ConnectionSource;
import dev.pgdest.internal.write.Writers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Destination} implementation: a pool, an optional tunnel, and the operations on them. */
public final class DefaultDestination implements Destination, ConnectionSource {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultDestination.class);

  private final DestinationConfig config;
  private final TunnelManager tunnel;
  private final PGSimpleDataSource driver;
  private final HikariDataSource pool;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DefaultDestination(DestinationConfig config, TunnelManager tunnel, PGSimpleDataSource driver,
      HikariDataSource pool) {
    this.config = config;
    this.tunnel = tunnel;
    this.driver = driver;
    this.pool = pool;
  }

  /** Opens a destination; see {@link Destination#open(DestinationConfig)}. */
  public static Destination open(DestinationConfig config) {
    Objects.requireNonNull(config, "config");
    TunnelManager tunnel = config.tunnel()
        .map(t -> TunnelManager.create(t, config.host(), config.port()))
        .orElse(null);
    try {
      PGSimpleDataSource driver = PoolFactory.dataSource(config, tunnel);
      HikariDataSource pool = PoolFactory.pool(config, driver);
      LOG.info("Opened destination {}", summary(config, tunnel));
      return new DefaultDestination(config, tunnel, driver, pool);
    } catch (RuntimeException e) {
      if (tunnel != null) {
        tunnel.close();
      }
      throw e;
    }
  }

  /** A one-line description of the configuration without any secret. */
  static String summary(DestinationConfig c, TunnelManager tunnel) {
    return "host=" + c.host() + " port=" + c.port() + " database=" + c.database() + " schema=" + c.schema()
        + " user=" + c.username() + " password=" + (c.password().isPresent() ? "****" : "<none>")
        + " sslmode=" + c.sslMode().pgValue()
        + " tunnel=" + (tunnel == null ? "none" : tunnel.description() + " via " + tunnel.providerName())
        + " maxPoolSize=" + c.maxPoolSize() + " batchRows=" + c.batchRows() + " batchBytes=" + c.batchBytes();
  }

  @Override
  public DestinationConfig config() {
    return config;
  }

  @Override
  public CheckReport check() {
    requireOpen();
    return new DestinationCheck(config, driver, tunnel).run();
  }

  @Override
  public void ensureSchema() {
    try (Connection connection = connection()) {
      SchemaCreator.ensureSchema(connection, config);
    } catch (SQLException e) {
      throw Errors.translate("ensuring schema \"" + config.schema() + "\"", e);
    }
  }

  /**
   * A pooled connection in auto-commit mode; the caller closes it. Reconnects the tunnel first
   * when it dropped.
   *
   * @throws PgdestException when no connection can be had
   */
  @Override
  public Connection connection() {
    requireOpen();
    if (tunnel != null) {
      tunnel.ensureConnected();
    }
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      throw Errors.translate("connecting to " + config.host() + ":" + config.port() + "/" + config.database(), e);
    }
  }

  @Override
  public dev.pgdest.SyncSession openSync(String name, dev.pgdest.RejectPolicy policy,
      java.util.function.Consumer<dev.pgdest.Rejection> listener) {
    requireOpen();
    return new dev.pgdest.internal.sync.DefaultSyncSession(this, name, policy, listener);
  }

  @Override
  public TableWriter writer(TableSpec spec, WriteMode mode, ProgressListener listener) {
    requireOpen();
    return Writers.open(this, spec, mode, listener);
  }

  /** Removes a broken connection from the pool instead of returning it. */
  @Override
  public void evict(Connection connection) {
    pool.evictConnection(connection);
  }

  /** The tunnel of this destination, or null. */
  public TunnelManager tunnel() {
    return tunnel;
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("destination is closed");
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      pool.close();
    } finally {
      if (tunnel != null) {
        tunnel.close();
      }
      LOG.info("Closed destination host={} database={} schema={}", config.host(), config.database(), config.schema());
    }
  }
}
