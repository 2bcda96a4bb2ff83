package dev.pgdest.testkit.internal.backend;

import dev.pgdest.testkit.BackendUnavailableException;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.WriterUsers;
import dev.pgdest.testkit.internal.embedded.ClusterSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@code postgres:<major>} container started through Testcontainers. Loaded only when the
 * Testcontainers backend is asked for: this class links against the optional dependency.
 *
 * <p>Thread-safe; {@link #close()} stops and removes the container.
 *
 * <p>{@code PostgresServer s = TestcontainersPostgresServer.start(16);}
 */
public final class TestcontainersPostgresServer implements PostgresServer {

  private static final Logger LOG = LoggerFactory.getLogger(TestcontainersPostgresServer.class);
  private static final String SUPERUSER = "pgdest_admin";

  private final PostgreSQLContainer container;
  private final int majorVersion;
  private final String serverVersion;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestcontainersPostgresServer(PostgreSQLContainer container, int majorVersion, String serverVersion) {
    this.container = container;
    this.majorVersion = majorVersion;
    this.serverVersion = serverVersion;
  }

  /**
   * Starts a container of {@code majorVersion}.
   *
   * @throws BackendUnavailableException when Docker is not available
   */
  public static TestcontainersPostgresServer start(int majorVersion) {
    ClusterSpec.checkMajor(majorVersion);
    requireDocker();
    PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse("postgres:" + majorVersion))
        .withUsername(SUPERUSER)
        .withPassword(WriterUsers.randomSeedPassword())
        .withDatabaseName("postgres");
    container.start();
    try {
      TestcontainersPostgresServer server = new TestcontainersPostgresServer(container, majorVersion, null);
      String version = server.queryVersion();
      LOG.info("Started PostgreSQL {} in container {} on {}:{}", version, container.getContainerId(),
          container.getHost(), container.getMappedPort(5432));
      return new TestcontainersPostgresServer(container, majorVersion, version);
    } catch (SQLException | RuntimeException e) {
      container.stop();
      throw new IllegalStateException("the postgres:" + majorVersion + " container started but cannot be queried", e);
    }
  }

  static void requireDocker() {
    boolean available;
    Throwable failure = null;
    try {
      available = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      available = false;
      failure = e;
    }
    if (!available) {
      throw new BackendUnavailableException("Docker is not available: Backend.TESTCONTAINERS needs a running"
          + " Docker daemon (DOCKER_HOST, or /var/run/docker.sock); use Backend.EMBEDDED, which needs no Docker",
          failure);
    }
  }

  private String queryVersion() throws SQLException {
    try (Connection c = adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1).split(" ")[0];
    }
  }

  @Override
  public String host() {
    return container.getHost();
  }

  @Override
  public int port() {
    return container.getMappedPort(5432);
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
    return container.getUsername();
  }

  @Override
  public String superuserPassword() {
    return container.getPassword();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      container.stop();
    }
  }

  @Override
  public String toString() {
    return "TestcontainersPostgresServer[postgres:" + majorVersion + "]";
  }
}
