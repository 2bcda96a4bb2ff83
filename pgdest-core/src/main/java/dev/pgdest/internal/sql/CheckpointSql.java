package dev.pgdest.internal.sql;

/**
 * The checkpoint table of a schema, {@code _pgdest_checkpoints}: one row per sync session name and
 * checkpoint key, holding the source position committed with the data and the epoch of the latest
 * claim (the fence). The writer creates it on first use; it needs only what it needs for its own
 * tables (CREATE on the schema it created, or ALL on a pre-created one). Parameterized statements
 * take their values as JDBC parameters, in the order the Javadoc names.
 */
public final class CheckpointSql {
  /** The table's name in every schema. */
  public static final String TABLE = "_pgdest_checkpoints";

  private CheckpointSql() {}

  /** The quoted, qualified table. */
  public static String table(String schema) {
    return Sql.qualified(schema, TABLE);
  }

  /** Creates the table unless it exists (under {@link Locks#checkpoints}, so creators do not race). */
  public static String create(String schema) {
    return "CREATE TABLE IF NOT EXISTS " + table(schema) + " (name text NOT NULL, key text NOT NULL,"
        + " position text, epoch bigint NOT NULL, committed_at timestamptz, PRIMARY KEY (name, key))";
  }

  /**
   * Claims a key: creates its row at epoch 1 or bumps the epoch, fencing every earlier claimer.
   * Parameters: name, key. Returns the new epoch and the stored position.
   */
  public static String claim(String schema) {
    return "INSERT INTO " + table(schema) + " AS c (name, key, epoch) VALUES (?, ?, 1)"
        + " ON CONFLICT (name, key) DO UPDATE SET epoch = c.epoch + 1 RETURNING c.epoch, c.position";
  }

  /**
   * The current epoch of a key, locked until the end of the transaction so that no claim slips in
   * between the fence check and the commit. Parameters: name, key.
   */
  public static String lockEpoch(String schema) {
    return "SELECT epoch FROM " + table(schema) + " WHERE name = ? AND key = ? FOR UPDATE";
  }

  /** Writes a committed position. Parameters: position, name, key. */
  public static String writePosition(String schema) {
    return "UPDATE " + table(schema) + " SET position = ?, committed_at = pg_catalog.now() WHERE name = ? AND key = ?";
  }
}
