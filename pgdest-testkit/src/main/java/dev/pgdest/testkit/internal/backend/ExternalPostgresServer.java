package dev.pgdest.testkit.internal.backend;

import dev.pgdest.testkit.BackendUnavailableException;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.internal.ServerAdmin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server someone else runs. Nothing is started or stopped; instead every database created
 * through {@link #createDatabase(String)} is remembered and dropped by {@link #close()}, so a test
 * run leaves the server as it found it.
 *
 * <p>Thread-safe.
 *
 * <p>{@code PostgresServer s = ExternalPostgresServer.connect(ExternalSettings.fromEnvironment(), 16);}
 */
public final class ExternalPostgresServer implements PostgresServer {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalPostgresServer.class);

  private final ExternalSettings settings;
  private final int majorVersion;
  private final String serverVersion;
  private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ExternalPostgresServer(ExternalSettings settings, int majorVersion, String serverVersion) {
    this.settings = settings;
    this.majorVersion = majorVersion;
    this.serverVersion = serverVersion;
  }

  /**
   * Connects once to learn the server's version.
   *
   * @param requiredMajor the major the test wants, or 0 for any
   * @throws BackendUnavailableException when the server cannot be reached or has another major
   */
  public static ExternalPostgresServer connect(ExternalSettings settings, int requiredMajor) {
    int major;
    String version;
    try (Connection c = ServerAdmin.connect(ServerAdmin.jdbcUrl(settings.host(), settings.port(),
        settings.maintenanceDatabase()), settings.user(), settings.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000,"
            + " current_setting('server_version')")) {
      rs.next();
      major = rs.getInt(1);
      version = rs.getString(2).split(" ")[0];
    } catch (SQLException e) {
      throw new BackendUnavailableException("the external PostgreSQL server " + settings.host() + ":"
          + settings.port() + " cannot be reached as " + settings.user() + ": " + e.getMessage(), e);
    }
    if (requiredMajor != 0 && requiredMajor != major) {
      throw new BackendUnavailableException("the external PostgreSQL server runs " + version + ", not "
          + requiredMajor + ".x");
    }
    LOG.info("Using external PostgreSQL {} at {}:{}", version, settings.host(), settings.port());
    return new ExternalPostgresServer(settings, major, version);
  }

  @Override
  public String host() {
    return settings.host();
  }

  @Override
  public int port() {
    return settings.port();
  }

  @Override
  public int majorVersion() {
    return majorVersion;
  }

  @Override
  public String serverVersion() {
    return serverVersion;
  }

  @Override
  public String superuser() {
    return settings.user();
  }

  @Override
  public String superuserPassword() {
    return settings.password();
  }

  @Override
  public Connection adminConnection() throws SQLException {
    return adminConnection(settings.maintenanceDatabase());
  }

  @Override
  public void createDatabase(String name) throws SQLException {
    PostgresServer.super.createDatabase(name);
    createdDatabases.add(name);
  }

  @Override
  public void dropDatabase(String name) throws SQLException {
    PostgresServer.super.dropDatabase(name);
    createdDatabases.remove(name);
  }

  /** Drops every database created through this object; the server keeps running. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (String db : Set.copyOf(createdDatabases)) {
      try {
        dropDatabase(db);
      } catch (SQLException e) {
        LOG.warn("Could not drop test database {} on the external server: {}", db, e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "ExternalPostgresServer[" + host() + ":" + port() + ", PostgreSQL " + serverVersion + "]";
  }
}
