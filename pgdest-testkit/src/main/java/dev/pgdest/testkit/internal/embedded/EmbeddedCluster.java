package dev.pgdest.testkit.internal.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One disposable PostgreSQL cluster: binaries resolved and extracted, data directory created by
 * initdb in a fresh work directory, postgres running as a child process on loopback TCP.
 *
 * <p>Thread-safe. {@link #close()} is idempotent; a JVM shutdown hook closes clusters left open.
 *
 * <p>{@code try (EmbeddedCluster c = EmbeddedCluster.start(spec)) { int port = c.port(); }}
 */
public final class EmbeddedCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);
  private static final Set<EmbeddedCluster> OPEN = ConcurrentHashMap.newKeySet();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PASSWORD_CHARS =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(EmbeddedCluster::close),
        "pgdest-embedded-postgres-shutdown"));
  }

  private final int majorVersion;
  private final Path installDir;
  private final Path workDir;
  private final Path dataDir;
  private final String password;
  private final RunAccount account;
  private final Postmaster postmaster;
  private boolean closed;

  private EmbeddedCluster(int majorVersion, Path installDir, Path workDir, String password,
      RunAccount account, Postmaster postmaster) {
    this.majorVersion = majorVersion;
    this.installDir = installDir;
    this.workDir = workDir;
    this.dataDir = workDir.resolve("data");
    this.password = password;
    this.account = account;
    this.postmaster = postmaster;
  }

  /** Starts a cluster as described by {@code spec} and returns once it accepts connections. */
  public static EmbeddedCluster start(ClusterSpec spec) throws IOException {
    long started = System.nanoTime();
    String version = PgVersions.fullVersion(spec.majorVersion());
    RunAccount account = RunAccount.current();
    Path installDir = BinaryCache.inTempDir()
        .install(version, () -> BinaryArtifacts.fromSystemProperties().locate(version));
    account.makeTraversable(installDir.resolve("bin"));

    Path workDir = Files.createTempDirectory("pgdest-pg" + spec.majorVersion() + "-");
    try {
      account.makeTraversable(workDir.getParent());
      account.own(workDir);
      Path data = workDir.resolve("data");
      String password = randomPassword();
      DataDirectory.initdb(installDir, data, password, account);
      DataDirectory.writeHba(data, spec.hbaLines());
      DataDirectory.writeFiles(data, spec.dataFiles(), account);
      Postmaster postmaster = Postmaster.start(installDir, data, workDir.resolve("postgres.log"), spec.port(),
          spec.settings(), password, account);
      EmbeddedCluster cluster = new EmbeddedCluster(spec.majorVersion(), installDir, workDir, password, account,
          postmaster);
      OPEN.add(cluster);
      LOG.info("Started PostgreSQL {} on {}:{} in {} ms (data directory {})", postmaster.serverVersion(),
          Postmaster.HOST, postmaster.port(), (System.nanoTime() - started) / 1_000_000, data);
      return cluster;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(workDir);
      throw e;
    }
  }

  public String host() {
    return Postmaster.HOST;
  }

  public int port() {
    return postmaster.port();
  }

  public int majorVersion() {
    return majorVersion;
  }

  public String serverVersion() {
    return postmaster.serverVersion();
  }

  public String superuser() {
    return DataDirectory.SUPERUSER;
  }

  public String superuserPassword() {
    return password;
  }

  public Path dataDirectory() {
    return dataDir;
  }

  /** The operating-system process id of the postmaster. */
  public long pid() {
    return postmaster.pid();
  }

  /** Stops the server (fast shutdown) and deletes its work directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    OPEN.remove(this);
    postmaster.stop(installDir, dataDir, account);
    deleteQuietly(workDir);
    LOG.debug("Stopped PostgreSQL on {}:{}", Postmaster.HOST, postmaster.port());
  }

  private static void deleteQuietly(Path dir) {
    try {
      FileTrees.deleteRecursively(dir);
    } catch (IOException e) {
      LOG.warn("Could not delete the embedded PostgreSQL work directory {}: {}", dir, e.toString());
    }
  }

  private static String randomPassword() {
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      sb.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "EmbeddedCluster[" + Postmaster.HOST + ":" + postmaster.port() + ", PostgreSQL " + serverVersion() + "]";
  }
}
