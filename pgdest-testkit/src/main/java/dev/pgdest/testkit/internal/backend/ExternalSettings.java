package dev.pgdest.testkit.internal.backend;

import dev.pgdest.testkit.BackendUnavailableException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the external backend's server is and how to log in as its admin role, read from system
 * properties or environment variables. The URL may be {@code host:port}, {@code host},
 * {@code postgresql://host:port/db} or {@code jdbc:postgresql://host:port/db}; the database in it
 * is the maintenance database the admin connects to (default {@code postgres}). Credentials never
 * come from the URL.
 *
 * <p>Immutable and thread-safe. {@link #toString()} masks the password.
 *
 * <p>{@code ExternalSettings s = ExternalSettings.parse("db.internal:5433", "admin", "secret");}
 */
public record ExternalSettings(String host, int port, String maintenanceDatabase, String user, String password) {

  static final String URL_PROPERTY = "pgdest.test.url";
  static final String URL_ENV = "PGDEST_TEST_URL";

  /** Reads {@code pgdest.test.url}/{@code PGDEST_TEST_URL} and the user and password settings. */
  public static ExternalSettings fromEnvironment() {
    String url = Backends.setting(URL_PROPERTY, URL_ENV);
    if (url == null) {
      throw new BackendUnavailableException("no external PostgreSQL server is configured: set the system property "
          + URL_PROPERTY + " or the environment variable " + URL_ENV + " (e.g. db.internal:5432), and the admin"
          + " role in pgdest.test.user / PGDEST_TEST_USER and pgdest.test.password / PGDEST_TEST_PASSWORD");
    }
    String user = Backends.setting("pgdest.test.user", "PGDEST_TEST_USER");
    String password = Backends.setting("pgdest.test.password", "PGDEST_TEST_PASSWORD");
    return parse(url, user == null ? "postgres" : user, password);
  }

  /** Parses the URL forms above. */
  public static ExternalSettings parse(String url, String user, String password) {
    String rest = url.trim();
    if (rest.startsWith("jdbc:")) {
      rest = rest.substring("jdbc:".length());
    }
    if (!rest.contains("://")) {
      rest = "postgresql://" + rest;
    }
    URI uri;
    try {
      uri = URI.create(rest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(URL_PROPERTY + " is not host:port or a postgresql:// URL: " + url, e);
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException(URL_PROPERTY + " must use the postgresql scheme: " + url);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(URL_PROPERTY + " must not carry credentials; use pgdest.test.user and"
          + " pgdest.test.password");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(URL_PROPERTY + " names no host: " + url);
    }
    String path = uri.getRawPath();
    String db = path == null || path.length() <= 1 ? "postgres"
        : URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
    return new ExternalSettings(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, user, password);
  }

  @Override
  public String toString() {
    return "ExternalSettings[" + host + ":" + port + "/" + maintenanceDatabase + ", user=" + user + ", password="
        + (password == null ? "<none>" : "****") + "]";
  }
}
