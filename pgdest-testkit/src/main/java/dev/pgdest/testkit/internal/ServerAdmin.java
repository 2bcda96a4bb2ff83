package dev.pgdest.testkit.internal;

import dev.pgdest.testkit.PostgresServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Backend-neutral admin operations behind {@link PostgresServer}'s default methods.
 *
 * <p>Stateless and thread-safe.
 *
 * <p>{@code ServerAdmin.createDatabase(server, "analytics");}
 */
public final class ServerAdmin {

  /** SQLSTATE 55006: the database is being accessed by other users. */
  private static final String OBJECT_IN_USE = "55006";

  private ServerAdmin() {}

  /** Builds a credential-free pgjdbc URL; the database name is URL-encoded (pgjdbc decodes it). */
  public static String jdbcUrl(String host, int port, String database) {
    if (database == null || database.isEmpty()) {
      throw new IllegalArgumentException("database must not be null or empty");
    }
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    String db = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    return "jdbc:postgresql://" + h + ":" + port + "/" + db;
  }

  /** Opens a connection with the credentials as properties, never inside the URL. */
  public static Connection connect(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "pgdest-testkit");
    return DriverManager.getConnection(url, props);
  }

  /** Runs {@code CREATE DATABASE} with a quoted name. */
  public static void createDatabase(PostgresServer server, String name) throws SQLException {
    String sql = "CREATE DATABASE " + SqlText.ident(name);
    try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Drops a database if it exists, disconnecting its sessions first. */
  public static void dropDatabase(PostgresServer server, String name) throws SQLException {
    String quoted = SqlText.ident(name);
    try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
      if (server.majorVersion() >= 13) {
        s.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
        return;
      }
      // Before 13 a new session can slip in between the terminate and the drop, so retry a little.
      for (int attempt = 1; ; attempt++) {
        terminateSessions(c, name);
        try {
          s.execute("DROP DATABASE IF EXISTS " + quoted);
          return;
        } catch (SQLException e) {
          if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt == 5) {
            throw e;
          }
        }
      }
    }
  }

  private static void terminateSessions(Connection c, String database) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
      ps.setString(1, database);
      ps.executeQuery().close();
    }
  }
}
