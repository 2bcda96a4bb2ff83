package dev.pgdest.testkit.internal;

/**
 * Quoting of SQL identifiers and string literals for the statements the testkit sends as an admin.
 *
 * <p>Literals follow {@code standard_conforming_strings = on} (the default since PostgreSQL 9.1):
 * only the single quote is doubled, a backslash is an ordinary character.
 *
 * <p>Stateless and thread-safe.
 *
 * <p>{@code String sql = "CREATE USER " + Sql.ident(name) + " PASSWORD " + Sql.literal(password);}
 */
public final class Sql {

  private Sql() {}

  /** Returns {@code name} as a double-quoted identifier, with embedded double quotes doubled. */
  public static String ident(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("an SQL identifier must not be null or empty");
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an SQL identifier must not contain NUL characters");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** Returns {@code value} as a single-quoted literal, with embedded single quotes doubled. */
  public static String literal(String value) {
    if (value == null) {
      throw new IllegalArgumentException("an SQL literal must not be null");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an SQL literal must not contain NUL characters");
    }
    return '\'' + value.replace("'", "''") + '\'';
  }
}
