package dev.pgdest.internal.sql;

/** The statements of a unit of work's transaction bookkeeping and of its TEMP tables. */
public final class UnitSql {
  /** The transaction id of the open transaction: the handle to settle a lost COMMIT reply. */
  public static final String CURRENT_XID = "SELECT pg_catalog.txid_current()";

  private UnitSql() {}

  /** The fate of a transaction: committed, aborted, in progress, or null when too old to tell. */
  public static String xidStatus(long xid) {
    return "SELECT pg_catalog.txid_status(" + xid + ")";
  }

  /** Room for TEMP tables in the session's buffers, in MiB; settable only before the first TEMP table. */
  public static String tempBuffers(long mb) {
    return "SET temp_buffers = '" + mb + "MB'";
  }

  /** Drops a table if it is still there (a TEMP stage, a REPLACE load table). */
  public static String dropIfExists(String qualified) {
    return "DROP TABLE IF EXISTS " + qualified;
  }
}
