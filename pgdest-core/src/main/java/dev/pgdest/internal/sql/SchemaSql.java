package dev.pgdest.internal.sql;

import java.util.List;

/**
 * The DDL and catalog queries of schema and table management: what pgdest reads from the catalog
 * and what it creates or alters, as a restricted writer. Parameterized queries take their values
 * as JDBC parameters, in the order the Javadoc names.
 */
public final class SchemaSql {
  /** Whether a schema exists; parameter: its name. */
  public static final String SCHEMA_EXISTS = "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?";

  /** The current user's USAGE and CREATE on a schema; parameters: its name, twice. */
  public static final String SCHEMA_PRIVILEGES = "SELECT pg_catalog.has_schema_privilege(current_user, ?, 'USAGE'),"
      + " pg_catalog.has_schema_privilege(current_user, ?, 'CREATE')";

  /** A plain or partitioned table's OID; parameters: schema, table. */
  public static final String TABLE_OID = "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
      + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')";

  /** A table's live columns: name, number, formatted type; parameter: the table's OID. */
  public static final String COLUMNS = "SELECT attname, attnum, pg_catalog.format_type(atttypid, atttypmod)"
      + " FROM pg_catalog.pg_attribute WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped";

  /** Views that depend on one column; parameters: table OID, column number, table OID. */
  public static final String DEPENDENT_VIEWS = "SELECT DISTINCT v.oid::pg_catalog.regclass::text"
      + " FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid"
      + " JOIN pg_catalog.pg_class v ON v.oid = r.ev_class"
      + " WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.refobjid = ? AND d.refobjsubid = ?"
      + " AND v.oid <> ? ORDER BY 1";

  /** The usable unique indexes of a table (key columns, count); parameter: the table's OID. */
  public static final String UNIQUE_INDEXES = "SELECT indkey::text, indnkeyatts FROM pg_catalog.pg_index"
      + " WHERE indrelid = ? AND indisunique AND indimmediate AND indisvalid AND indpred IS NULL AND indexprs IS NULL";

  private SchemaSql() {}

  /** Creates a schema unless it exists. */
  public static String createSchema(String schema) {
    return "CREATE SCHEMA IF NOT EXISTS " + Sql.ident(schema);
  }

  /**
   * Creates a table.
   *
   * @param columnDefs quoted column name, type and constraints per column
   * @param keys quoted primary-key columns, empty for none
   */
  public static String createTable(String qualified, List<String> columnDefs, List<String> keys) {
    return "CREATE TABLE " + qualified + " (" + String.join(", ", columnDefs)
        + (keys.isEmpty() ? "" : ", PRIMARY KEY (" + String.join(", ", keys) + ")") + ")";
  }

  /** A column definition of {@link #createTable}. */
  public static String columnDef(String name, String type, boolean nullable) {
    return Sql.ident(name) + " " + type + (nullable ? "" : " NOT NULL");
  }

  /** Applies changes such as {@link #addColumn} and {@link #alterType} in one statement. */
  public static String alterTable(String qualified, List<String> changes) {
    return "ALTER TABLE " + qualified + " " + String.join(", ", changes);
  }

  /** Adds a nullable column. */
  public static String addColumn(String name, String type) {
    return "ADD COLUMN " + Sql.ident(name) + " " + type;
  }

  /** Widens a column. */
  public static String alterType(String name, String type, String using) {
    return "ALTER COLUMN " + Sql.ident(name) + " TYPE " + type + " USING " + using;
  }

  /** The SQL that lets the writer create schemas in the database. */
  public static String grantCreate(String database, String user) {
    return "GRANT CREATE ON DATABASE " + Sql.ident(database) + " TO " + Sql.ident(user) + ";";
  }

  /** The setup page's grant for a pre-created schema. */
  public static String grantAll(String schema, String user) {
    return "GRANT ALL ON SCHEMA " + Sql.ident(schema) + " TO " + Sql.ident(user) + ";";
  }
}
