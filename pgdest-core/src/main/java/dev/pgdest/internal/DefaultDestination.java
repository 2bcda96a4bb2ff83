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
import dev.pgdest.internal.pool.ConnectGate;
import dev.pgdest.internal.pool.PoolFactory;
import dev.pgdest.internal.schema.SchemaCreator;
import dev.pgdest.internal.tunnel.TunnelManager;
import dev.pgdest.internal.unit.ConnectionSource;
import dev.pgdest.internal.write.Writers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Destination} implementation: a pool, an optional tunnel, and the operations on them. */
@SuppressWarnings("try") // MDC scopes: try-with-resources whose variable is never read
public final class DefaultDestination implements Destination, ConnectionSource {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultDestination.class);

  private final DestinationConfig config;
  private final TunnelManager tunnel;
  private final PGSimpleDataSource driver;
  private final ConnectGate gate;
  private final HikariDataSource pool;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The destination in log lines' MDC: {@code host:port/database/schema}, no secret. */
  private final String label;

  private DefaultDestination(DestinationConfig config, TunnelManager tunnel, PGSimpleDataSource driver,
      ConnectGate gate, HikariDataSource pool) {
    this.config = config;
    this.tunnel = tunnel;
    this.driver = driver;
    this.gate = gate;
    this.pool = pool;
    this.label = label(config);
  }

  static String label(DestinationConfig c) {
    return c.host() + ":" + c.port() + "/" + c.database() + "/" + c.schema();
  }

  /** Opens a destination; see {@link Destination#open(DestinationConfig)}. */
  public static Destination open(DestinationConfig config) {
    Objects.requireNonNull(config, "config");
    TunnelManager tunnel = config.tunnel()
        .map(t -> TunnelManager.create(t, config.host(), config.port()))
        .orElse(null);
    try (ObservedWriter.Mdc ignored = ObservedWriter.Mdc.of(label(config), null)) {
      PGSimpleDataSource driver = PoolFactory.dataSource(config, tunnel);
      ConnectGate gate = new ConnectGate();
      HikariDataSource pool = PoolFactory.pool(config, gate.watch(driver));
      LOG.info("Opened destination {}", summary(config, tunnel));
      return new DefaultDestination(config, tunnel, driver, gate, pool);
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
    try (ObservedWriter.Mdc ignored = ObservedWriter.Mdc.of(label, null)) {
      return new DestinationCheck(config, driver, tunnel).run();
    }
  }

  @Override
  public void ensureSchema() {
    try (ObservedWriter.Mdc ignored = ObservedWriter.Mdc.of(label, null); Connection connection = connection()) {
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
    String action = "connecting to " + config.host() + ":" + config.port() + "/" + config.database();
    try {
      return gate.borrow(pool);
    } catch (ConnectGate.PermanentConnectFailure e) {
      throw Errors.permanentConnectFailure(action, e.getCause());
    } catch (SQLTransientConnectionException e) {
      throw Errors.poolTimeout(action, e);
    } catch (SQLException e) {
      throw Errors.translate(action, e);
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
    // The destination's observer hears every writer; the MDC names destination and table while it works.
    ProgressListener observed = ObservedWriter.listener(spec.name(), config.observer(), listener);
    try (ObservedWriter.Mdc ignored = ObservedWriter.Mdc.of(label, spec.name())) {
      return new ObservedWriter(Writers.open(this, spec, mode, observed, ObservedWriter.scope(label, spec.name())), label,
          spec.name(), config.observer());
    }
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
    try (ObservedWriter.Mdc ignored = ObservedWriter.Mdc.of(label, null)) {
      pool.close();
    } finally {
      if (tunnel != null) {
        tunnel.close();
      }
      LOG.info("Closed destination host={} database={} schema={}", config.host(), config.database(), config.schema());
    }
  }
}
