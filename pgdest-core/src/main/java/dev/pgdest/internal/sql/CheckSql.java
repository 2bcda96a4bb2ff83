package dev.pgdest.internal.sql;

/** The statements of the destination check: what it reads and the round trip it makes as the writer. */
public final class CheckSql {
  /** Whether the session is encrypted, and how. */
  public static final String SSL_STATUS =
      "SELECT ssl, version FROM pg_catalog.pg_stat_ssl WHERE pid = pg_catalog.pg_backend_pid()";
  /** The server version as a number and as text. */
  public static final String SERVER_VERSION =
      "SELECT pg_catalog.current_setting('server_version_num')::int, pg_catalog.current_setting('server_version')";
  /** One database privilege of the current user; parameter: CREATE or TEMPORARY. */
  public static final String DATABASE_PRIVILEGE =
      "SELECT pg_catalog.has_database_privilege(current_user, pg_catalog.current_database(), ?)";
  /** The server process of this session. */
  public static final String BACKEND_PID = "SELECT pg_catalog.pg_backend_pid()";

  private CheckSql() {}

  /** The round trip's TEMP table, gone at commit. */
  public static String createRoundTripTable(String quoted) {
    return "CREATE TEMP TABLE " + quoted + " (id integer, note text) ON COMMIT DROP";
  }

  /** The round trip's text COPY. */
  public static String roundTripCopy(String quoted) {
    return "COPY " + quoted + " (id, note) FROM STDIN";
  }

  /** Reads the round trip's rows back. */
  public static String roundTripRead(String quoted) {
    return "SELECT id, note FROM " + quoted + " ORDER BY id";
  }

  /** The pooler probe's TEMP table. */
  public static String createProbeTable(String name) {
    return "CREATE TEMP TABLE " + Sql.ident(name) + " (x integer)";
  }

  /** Whether the probe's TEMP table is still visible, and from which server process. */
  public static String probeVisible(String name) {
    return "SELECT pg_catalog.pg_backend_pid(), pg_catalog.to_regclass(" + Sql.literal("pg_temp." + Sql.ident(name))
        + ") IS NOT NULL";
  }

  /** Drops the probe's TEMP table. */
  public static String dropProbeTable(String name) {
    return UnitSql.dropIfExists("pg_temp." + Sql.ident(name));
  }

  /** The grant that lets the writer stage rows in temporary tables. */
  public static String grantTemporary(String database, String user) {
    return "GRANT TEMPORARY ON DATABASE " + Sql.ident(database) + " TO " + Sql.ident(user) + ";";
  }
}
