package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.ServerAdmin;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL server that a test can connect to as superuser, whatever runs it: an embedded
 * server ({@link EmbeddedPostgresServer}), a container or an external server.
 *
 * <p>Credentials are never part of {@link #jdbcUrl(String)}: connections are opened with the user
 * and password passed as pgjdbc properties, so every character in a password works.
 *
 * <p>Implementations are thread-safe: connections may be opened and databases created from several
 * threads. {@link #close()} stops (or releases) the server and is idempotent.
 *
 * <pre>{@code
 * try (PostgresServer server = EmbeddedPostgresServer.start()) {
 *   server.createDatabase("analytics");
 *   try (Connection c = server.adminConnection("analytics")) {
 *     c.createStatement().execute("CREATE TABLE t (id bigint)");
 *   }
 * }
 * }</pre>
 */
public interface PostgresServer extends AutoCloseable {

  /** The host name or IP address clients connect to. */
  String host();

  /** The TCP port clients connect to. */
  int port();

  /** The server's major version, for example {@code 17}. */
  int majorVersion();

  /** The server's version as it reports it in {@code server_version}, for example {@code "17.11"}. */
  String serverVersion();

  /** The name of a superuser role. */
  String superuser();

  /** The superuser's password. */
  String superuserPassword();

  /**
   * A pgjdbc URL for {@code database} on this server, without credentials.
   *
   * @param database the database name; any characters are allowed, they are URL-encoded
   */
  default String jdbcUrl(String database) {
    return ServerAdmin.jdbcUrl(host(), port(), database);
  }

  /**
   * Opens a connection to {@code database} as {@code user}, passing the credentials as
   * pgjdbc properties (never in the URL).
   */
  default Connection connect(String database, String user, String password) throws SQLException {
    return ServerAdmin.connect(jdbcUrl(database), user, password);
  }

  /** Opens a superuser connection to the {@code postgres} database. */
  default Connection adminConnection() throws SQLException {
    return adminConnection("postgres");
  }

  /** Opens a superuser connection to {@code database}. */
  default Connection adminConnection(String database) throws SQLException {
    return connect(database, superuser(), superuserPassword());
  }

  /** Creates a database; {@code name} is used as a quoted identifier, so it is case-sensitive. */
  default void createDatabase(String name) throws SQLException {
    ServerAdmin.createDatabase(this, name);
  }

  /**
   * Drops a database if it exists, disconnecting its sessions first ({@code WITH (FORCE)} on
   * PostgreSQL 13 and later, {@code pg_terminate_backend} before).
   */
  default void dropDatabase(String name) throws SQLException {
    ServerAdmin.dropDatabase(this, name);
  }

  /** Stops or releases the server. Idempotent; never throws a checked exception. */
  @Override
  void close();
}
