package dev.pgdest.internal.sql;

import dev.pgdest.PgType;
import dev.pgdest.internal.type.ColumnTypes;
import java.util.List;
import java.util.stream.Collectors;

/** Fragments the merge statements share: key joins and row comparisons. */
final class SqlParts {
  private SqlParts() {}

  /** {@code a."k1" = b."k1" AND a."k2" = b."k2"}. */
  static String keyJoin(List<String> keys, String a, String b) {
    return keys.stream().map(k -> a + "." + Sql.ident(k) + " = " + b + "." + Sql.ident(k))
        .collect(Collectors.joining(" AND "));
  }

  /**
   * Whether the row version {@code alias} was written by the current transaction: its {@code xmin}
   * is the transaction's id (the 32 bits of {@code txid_current()} without the epoch). The unit's
   * transaction has no subtransactions while it copies and merges rows.
   */
  static String writtenHere(String alias) {
    return alias + ".xmin = (pg_catalog.txid_current() % 4294967296)::text::pg_catalog.xid";
  }

  /** The columns not in the key. */
  static List<String> nonKeys(List<String> columns, List<String> keys) {
    return columns.stream().filter(c -> !keys.contains(c)).collect(Collectors.toList());
  }

  /** {@code "c1" = src."c1", ...}. */
  static String assignments(List<String> cols, String source) {
    return cols.stream().map(c -> Sql.ident(c) + " = " + source + "." + Sql.ident(c)).collect(Collectors.joining(", "));
  }

  /** A row comparison of {@code cols} between two aliases, each column in its type's comparable form. */
  static String distinct(List<String> columns, List<PgType> types, String a, String b, List<String> cols) {
    return "(" + comparables(columns, types, a, cols) + ") IS DISTINCT FROM (" + comparables(columns, types, b, cols)
        + ")";
  }

  private static String comparables(List<String> columns, List<PgType> types, String alias, List<String> cols) {
    return cols.stream().map(c -> ColumnTypes.comparable(types.get(columns.indexOf(c)), alias + "." + Sql.ident(c)))
        .collect(Collectors.joining(", "));
  }

  /**
   * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE ... IS DISTINCT FROM}, returning the number of
   * inserted and of updated rows ({@code xmax = 0} marks a row version that was inserted).
   *
   * @param from the rows to insert: a table, optionally with a WHERE clause
   * @param andWhen more conditions of the update, each starting with {@code " AND "}, or empty
   */
  static String upsert(String target, List<String> columns, List<PgType> types, List<String> keys, String from,
      String andWhen) {
    StringBuilder s = new StringBuilder("WITH m AS (INSERT INTO ").append(target).append(" AS t (")
        .append(Sql.idents(columns)).append(") SELECT ").append(Sql.idents(columns)).append(" FROM ").append(from)
        .append(" ON CONFLICT (").append(Sql.idents(keys)).append(") ");
    List<String> rest = nonKeys(columns, keys);
    if (rest.isEmpty()) {
      s.append("DO NOTHING");
    } else {
      s.append("DO UPDATE SET ").append(assignments(rest, "EXCLUDED")).append(" WHERE ")
          .append(distinct(columns, types, "t", "EXCLUDED", rest)).append(andWhen);
    }
    return s.append(" RETURNING (t.xmax = 0) AS ins) SELECT count(*) FILTER (WHERE ins),")
        .append(" count(*) FILTER (WHERE NOT ins) FROM m").toString();
  }

  /**
   * The UPDATE half of a merge without a unique key, or null for a key-only table.
   *
   * @param andWhere more conditions on the stage row {@code s}, each starting with {@code " AND "}, or empty
   */
  static String updateFrom(String target, List<String> columns, List<PgType> types, List<String> keys, String stage,
      String andWhere) {
    List<String> rest = nonKeys(columns, keys);
    if (rest.isEmpty()) {
      return null;
    }
    return "UPDATE " + target + " AS t SET " + assignments(rest, "s") + " FROM " + stage + " s WHERE "
        + keyJoin(keys, "t", "s") + andWhere + " AND " + distinct(columns, types, "t", "s", rest);
  }

  /** Keeps only the last staged row of each key, by arrival order. */
  static String keepLast(String stage, List<String> keys, String ord) {
    return "DELETE FROM " + stage + " a USING " + stage + " b WHERE " + keyJoin(keys, "a", "b") + " AND a."
        + Sql.ident(ord) + " < b." + Sql.ident(ord);
  }

  /**
   * Drops every staged row whose version is below another's of the same key (equal versions: the
   * earlier arrival); rows without a version stay for {@link #keepLast}.
   */
  static String keepNewestVersion(String stage, List<String> keys, String version, String ord) {
    String v = Sql.ident(version);
    String o = Sql.ident(ord);
    return "DELETE FROM " + stage + " a USING " + stage + " b WHERE " + keyJoin(keys, "a", "b") + " AND (a." + v
        + " < b." + v + " OR (a." + v + " = b." + v + " AND a." + o + " < b." + o + "))";
  }

  /**
   * {@code AND} the change in {@code change}'s version is at least the stored row's in {@code t}
   * (either missing: it applies); empty without a version column.
   */
  static String notOlder(String version, String change) {
    if (version == null) {
      return "";
    }
    String v = Sql.ident(version);
    return " AND (" + change + "." + v + " IS NULL OR t." + v + " IS NULL OR t." + v + " <= " + change + "." + v + ")";
  }
}
