package dev.pgdest.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A database role created by {@link WriterUsers}: its name and password. {@link #toString()} never
 * shows the password.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * WriterUser writer = WriterUsers.createSeedWriter(server, "analytics");
 * try (Connection c = writer.connect(server, "analytics")) { ... }
 * }</pre>
 */
public final class WriterUser {

  private final String name;
  private final String password;

  /** A user with this role name and password. */
  public WriterUser(String name, String password) {
    this.name = Objects.requireNonNull(name, "name");
    this.password = Objects.requireNonNull(password, "password");
  }

  /** The role name (unquoted). */
  public String name() {
    return name;
  }

  /** The password. */
  public String password() {
    return password;
  }

  /** Opens a connection to {@code database} on {@code server} as this user, over TCP with its password. */
  public Connection connect(PostgresServer server, String database) throws SQLException {
    return server.connect(database, name, password);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriterUser && ((WriterUser) o).name.equals(name) && ((WriterUser) o).password.equals(password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, password);
  }

  @Override
  public String toString() {
    return "WriterUser[name=" + name + ", password=****]";
  }
}
