package dev.pgdest.internal.sql;

/** Questions a writer asks about a table's contents before choosing where a batch goes. */
public final class ProbeSql {
  private ProbeSql() {}

  /** 1 when the table holds no row visible to the transaction, else 0; reads at most one row. */
  public static String isEmpty(String table) {
    return "SELECT CASE WHEN EXISTS (SELECT 1 FROM " + table + ") THEN 0 ELSE 1 END";
  }
}
