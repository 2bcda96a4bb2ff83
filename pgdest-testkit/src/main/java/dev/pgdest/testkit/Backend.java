package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.backend.Backends;
import java.util.Locale;

/**
 * Where a disposable PostgreSQL server comes from. Every backend produces a {@link PostgresServer},
 * so tests do not care which one runs them.
 *
 * <ul>
 *   <li>{@link #EMBEDDED}: {@link EmbeddedPostgresServer}, no Docker, majors 12 to 18; the default.
 *   <li>{@link #TESTCONTAINERS}: a {@code postgres:<major>} container. Needs Docker and
 *       {@code org.testcontainers:testcontainers-postgresql} on the test class path.
 *   <li>{@link #EXTERNAL}: a server you run, named by the system property {@code pgdest.test.url}
 *       or the environment variable {@code PGDEST_TEST_URL} ({@code host:port},
 *       {@code postgresql://host:port/db} or a pgjdbc URL), with an admin role in
 *       {@code pgdest.test.user}/{@code PGDEST_TEST_USER} and
 *       {@code pgdest.test.password}/{@code PGDEST_TEST_PASSWORD}. The role needs {@code CREATEDB}
 *       and {@code CREATEROLE}; databases created through it are dropped when it is closed.
 *   <li>{@link #DEFAULT}: the backend named by the system property {@code pgdest.test.backend} or
 *       the environment variable {@code PGDEST_TEST_BACKEND} ({@code embedded},
 *       {@code testcontainers}, {@code external}), else {@link #EMBEDDED}. This is how one suite
 *       runs against another backend without changing code.
 * </ul>
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * try (PostgresServer server = Backend.DEFAULT.start(16)) { ... }
 * }</pre>
 */
public enum Backend {
  /** The backend chosen by {@code pgdest.test.backend} / {@code PGDEST_TEST_BACKEND}, else embedded. */
  DEFAULT,
  /** Zonky binaries started in-process; no Docker. */
  EMBEDDED,
  /** A {@code postgres:<major>} Docker container through Testcontainers. */
  TESTCONTAINERS,
  /** A server named by {@code pgdest.test.url} / {@code PGDEST_TEST_URL}. */
  EXTERNAL;

  /** System property naming the backend {@link #DEFAULT} stands for. */
  public static final String BACKEND_PROPERTY = "pgdest.test.backend";

  /**
   * Starts (or, for {@link #EXTERNAL}, connects to) a server of {@code majorVersion}; 0 means the
   * default major (17), or for {@link #EXTERNAL} whatever major the server runs.
   *
   * @throws BackendUnavailableException when this backend cannot run here: Docker or
   *     Testcontainers missing, no external server configured, or the external server has another
   *     major version
   */
  public PostgresServer start(int majorVersion) {
    return Backends.start(resolve(), majorVersion);
  }

  /** This backend, or for {@link #DEFAULT} the one configured in the environment. */
  public Backend resolve() {
    if (this != DEFAULT) {
      return this;
    }
    String configured = Backends.setting(BACKEND_PROPERTY, "PGDEST_TEST_BACKEND");
    if (configured == null || configured.isBlank()) {
      return EMBEDDED;
    }
    try {
      Backend b = valueOf(configured.trim().toUpperCase(Locale.ROOT));
      if (b != DEFAULT) {
        return b;
      }
    } catch (IllegalArgumentException e) {
      // reported below with the accepted values
    }
    throw new IllegalArgumentException(BACKEND_PROPERTY + " must be embedded, testcontainers or external: "
        + configured);
  }
}
