package dev.pgdest.testkit.internal.backend;

import dev.pgdest.testkit.Backend;
import dev.pgdest.testkit.BackendUnavailableException;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.PostgresServer;

/**
 * Starts a server on a resolved {@link Backend}. The Testcontainers classes are touched only
 * after checking they are on the class path, so the dependency can stay optional.
 *
 * <p>Stateless and thread-safe.
 *
 * <p>{@code PostgresServer s = Backends.start(Backend.EMBEDDED, 17);}
 */
public final class Backends {

  static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

  private Backends() {}

  /** The default major for servers the testkit starts. */
  public static final int DEFAULT_MAJOR = 17;

  /** Starts a server; {@code backend} must not be {@link Backend#DEFAULT}; major 0 means the default. */
  public static PostgresServer start(Backend backend, int majorVersion) {
    switch (backend) {
      case EMBEDDED:
        return EmbeddedPostgresServer.start(orDefault(majorVersion));
      case TESTCONTAINERS:
        requireTestcontainers();
        return ContainerLauncher.start(orDefault(majorVersion));
      case EXTERNAL:
        return ExternalPostgresServer.connect(ExternalSettings.fromEnvironment(), majorVersion);
      default:
        throw new IllegalArgumentException("resolve the backend first: " + backend);
    }
  }

  /** {@code major}, or the default major for 0. */
  public static int orDefault(int major) {
    return major == 0 ? DEFAULT_MAJOR : major;
  }

  /** A system property, else an environment variable, else null. */
  public static String setting(String property, String environmentVariable) {
    String value = System.getProperty(property);
    if (value == null || value.isEmpty()) {
      value = System.getenv(environmentVariable);
    }
    return value == null || value.isEmpty() ? null : value;
  }

  static void requireTestcontainers() {
    try {
      Class.forName(TESTCONTAINERS_CLASS, false, Backends.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new BackendUnavailableException("Testcontainers is not on the class path: add the test dependency"
          + " org.testcontainers:testcontainers-postgresql to use Backend.TESTCONTAINERS", e);
    }
  }
}
