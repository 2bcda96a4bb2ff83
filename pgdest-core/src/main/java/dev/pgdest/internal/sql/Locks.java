package dev.pgdest.internal.sql;

/**
 * Every advisory lock pgdest takes, in one key scheme: {@code pg_advisory_xact_lock(space, key)},
 * where {@code space} says what is locked (a constant per kind, all starting with the bytes
 * {@code "pgd"}, so pgdest's locks stay clear of an application's own) and {@code key} which one (a
 * table's OID, or the {@code hashtext} of a name). All are transaction-level: they end with the
 * transaction, so a crashed writer never leaves one behind.
 */
public final class Locks {
  /** Creating the schema: concurrent creators wait instead of racing on the catalog. */
  static final int SCHEMA = 0x70676401;
  /** Creating or evolving one table (keyed by its qualified name: the table may not exist yet). */
  static final int TABLE_DDL = 0x70676402;
  /** Merging into one table (keyed by OID): concurrent merges queue instead of deadlocking. */
  static final int MERGE = 0x70676403;
  /** Creating the checkpoint table of a schema. */
  static final int CHECKPOINTS = 0x70676404;

  private Locks() {}

  /** Serializes creators of a schema. */
  public static String schema(String schema) {
    return byName(SCHEMA, "schema " + schema);
  }

  /** Serializes DDL on a table, by its quoted, qualified name. */
  public static String tableDdl(String qualifiedTable) {
    return byName(TABLE_DDL, qualifiedTable);
  }

  /** Serializes merges into one table across writers and sessions, so they cannot deadlock each other. */
  public static String merge(long tableOid) {
    return "SELECT pg_catalog.pg_advisory_xact_lock(" + MERGE + ", " + (int) tableOid + ")";
  }

  /** Serializes creators of the checkpoint table of a schema. */
  public static String checkpoints(String schema) {
    return byName(CHECKPOINTS, "checkpoints " + schema);
  }

  private static String byName(int space, String name) {
    return "SELECT pg_catalog.pg_advisory_xact_lock(" + space + ", pg_catalog.hashtext(" + Sql.literal(name) + "))";
  }
}
