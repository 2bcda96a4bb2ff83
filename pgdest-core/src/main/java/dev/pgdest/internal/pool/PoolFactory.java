package dev.pgdest.internal.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pgdest.DestinationConfig;
import dev.pgdest.internal.tunnel.TunnelManager;
import dev.pgdest.internal.tunnel.TunnelSocketFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Builds the driver data source and the HikariCP pool of a destination. Credentials are set as
 * data-source properties, never spliced into a URL, so every character of a password works.
 */
public final class PoolFactory {
  private static final AtomicInteger POOLS = new AtomicInteger();
  /** pgjdbc's factory that trusts the JVM's default trust store instead of ~/.postgresql/root.crt. */
  private static final String JVM_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";
  /** Connections kept open while the pool is idle. */
  static final int MIN_IDLE = 1;

  private PoolFactory() {}

  /** A driver data source for this configuration, through the tunnel when one is given. */
  public static PGSimpleDataSource dataSource(DestinationConfig c, TunnelManager tunnel) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {c.host()});
    ds.setPortNumbers(new int[] {c.port()});
    ds.setDatabaseName(c.database());
    ds.setUser(c.username());
    c.password().ifPresent(ds::setPassword);
    ds.setApplicationName(c.applicationName());
    ds.setConnectTimeout(seconds(c.connectTimeout()));
    ds.setLoginTimeout(seconds(c.connectTimeout()));
    ds.setSocketTimeout(c.socketTimeout().isZero() ? 0 : seconds(c.socketTimeout()));
    ds.setTcpKeepAlive(true);
    // Server DETAIL lines may quote row values; keep them out of exception messages by default.
    ds.setLogServerErrorDetail(c.includeServerDetail());
    ds.setSslMode(c.sslMode().pgValue());
    c.sslRootCert().ifPresent(p -> ds.setSslRootCert(p.toString()));
    if (c.sslMode().verifiesCertificate() && c.sslRootCert().isEmpty()) {
      ds.setSslfactory(JVM_TRUST_FACTORY);
    }
    c.sslClientCert().ifPresent(p -> ds.setSslCert(p.toString()));
    c.sslClientKey().ifPresent(p -> ds.setSslKey(p.toString()));
    if (c.sslClientKey().isPresent() && c.sslClientKeyPassword().isPresent()) {
      // Not ds.setSslPassword: the driver logs its URL, with that property in it, at FINE.
      SslKeyPasswordCallback.register(c.sslClientKey().get().toString(), c.sslClientKeyPassword().get());
      ds.setSslPasswordCallback(SslKeyPasswordCallback.class.getName());
    }
    if (tunnel != null) {
      ds.setSocketFactory(TunnelSocketFactory.class.getName());
      ds.setSocketFactoryArg(tunnel.id());
    }
    return ds;
  }

  /**
   * A pool that connects lazily, so opening a destination never fails because the server is down
   * (the check can explain why), and from its first use on keeps one connection open: a writer
   * opened after the pool sat idle does not pay for a login (see {@link WarmPool}). The idle
   * connection is kept alive and renewed like the others.
   */
  public static HikariDataSource pool(DestinationConfig c, DataSource ds) {
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(ds);
    hc.setPoolName("pgdest-" + POOLS.incrementAndGet());
    hc.setMaximumPoolSize(c.maxPoolSize());
    hc.setMinimumIdle(0);
    hc.setInitializationFailTimeout(-1);
    hc.setConnectionTimeout(Math.max(1_000, c.connectTimeout().toMillis() * 2 + 1_000));
    hc.setIdleTimeout(Duration.ofMinutes(1).toMillis());
    hc.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
    hc.setMaxLifetime(Duration.ofMinutes(30).toMillis());
    hc.setAutoCommit(true);
    // Pool metrics through HikariCP's own trackers (Micrometer's when the registry is a MeterRegistry).
    c.observer().flatMap(o -> o.poolMetricRegistry()).ifPresent(hc::setMetricRegistry);
    return new WarmPool(hc, Math.min(MIN_IDLE, c.maxPoolSize()));
  }

  private static int seconds(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (d.toMillis() + 999) / 1000));
  }
}
