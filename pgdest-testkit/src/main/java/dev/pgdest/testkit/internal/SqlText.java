package dev.pgdest.testkit.internal;

/**
 * Quoting for the SQL the testkit runs as an administrator (schemas, users, grants). The testkit
 * owns it rather than reaching into pgdest-core's internals, so that core's internal packages can
 * change without breaking connector authors' tests. Same rules as core: identifiers always quoted,
 * literals in the {@code E'...'} form that means the same whatever {@code standard_conforming_strings} is.
 */
public final class SqlText {
  private SqlText() {}

  /** A quoted identifier: {@code my "table"} becomes {@code "my ""table"""}. */
  public static String ident(String name) {
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an identifier must be non-empty and free of NUL");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** An escape-string literal with backslashes and quotes escaped. */
  public static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a literal must not contain NUL");
    }
    return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
