package dev.pgdest.internal.sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quoting of identifiers and literals. Every name pgdest sends to the server goes through
 * {@link #ident(String)}: always quoted, so reserved words, mixed case, spaces, quotes and
 * non-ASCII names mean exactly what the caller wrote.
 */
public final class Sql {
  private Sql() {}

  /** A quoted identifier: {@code my "table"} becomes {@code "my ""table"""}. */
  public static String ident(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("identifier must not be empty");
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("identifier must not contain the NUL character (U+0000)");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A schema-qualified, quoted name: {@code "schema"."table"}. */
  public static String qualified(String schema, String name) {
    return ident(schema) + '.' + ident(name);
  }

  /** Quoted identifiers joined with {@code ", "}. */
  public static String idents(List<String> names) {
    return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
  }

  /**
   * A string literal that means the same whatever {@code standard_conforming_strings} is:
   * {@code E'...'} with backslashes and quotes escaped.
   */
  public static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("literal must not contain the NUL character (U+0000)");
    }
    return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
