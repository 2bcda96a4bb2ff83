package dev.pgdest.internal.sql;

/**
 * Every statement on the checkpoint table {@code _pgdest_checkpoints}, in one place so that a
 * reviewer can read what a sync session runs as the restricted writer.
 *
 * <p>One row per (sync name, checkpoint key): the last committed source position, the epoch of
 * the newest claim, and when each happened. The schema is quoted here; sync names, keys,
 * positions and epochs are always bind parameters (keys and positions as {@code text[]}), so no
 * value ever becomes SQL text.
 *
 * <p>The protocol, all in the writer's own transactions:
 * <ol>
 *   <li>{@link #createLock} then {@link #create}, in one transaction, when {@link #exists} says the
 *       table is missing; a creator that still loses the race gets an error that
 *       {@link #lostCreateRace} recognises, and finds the table there.
 *   <li>{@link #claim}, committed on its own: bumps each key's epoch and returns it with the stored
 *       position. Its row locks make a claim wait for a commit in flight on the same keys.
 *   <li>Inside the commit transaction, before any data is merged: {@link #lockForCommit} takes the
 *       row locks and returns the stored epochs; a stored epoch above the session's claim means it
 *       was fenced. Then the data, then {@link #writePositions}, then COMMIT.
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class CheckpointSql {
  /** The table's name, in the destination's schema. */
  public static final String TABLE = "_pgdest_checkpoints";

  private CheckpointSql() {}

  /** The quoted, schema-qualified table name. */
  public static String table(String schema) {
    return Sql.qualified(schema, TABLE);
  }

  /**
   * Whether the table exists: one row, one boolean column. Parameters: the schema as stored
   * (unquoted). Needs no privilege on the table, unlike {@code to_regclass} on a quoted name.
   */
  public static String exists() {
    return "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = ? AND c.relname = " + Sql.literal(TABLE) + ")";
  }

  /**
   * Serializes creators of this schema's checkpoint table until their transaction ends:
   * {@code CREATE TABLE IF NOT EXISTS} alone still races on the catalog's unique indexes. The key
   * is {@link Locks}' one scheme.
   */
  public static String createLock(String schema) {
    return Locks.checkpoints(schema);
  }

  /**
   * Creates the table unless it exists. Needs only CREATE on the schema (which the seed's writer
   * has on the schema it created, or through {@code GRANT ALL ON SCHEMA}).
   */
  public static String create(String schema) {
    return "CREATE TABLE IF NOT EXISTS " + table(schema) + " ("
        + "sync_name text NOT NULL, "
        + "key text NOT NULL, "
        + "position text, "
        + "epoch bigint NOT NULL DEFAULT 0, "
        + "claimed_at timestamptz, "
        + "committed_at timestamptz, "
        + "PRIMARY KEY (sync_name, key))";
  }

  /**
   * Whether a failed {@link #create} lost a race that another creator won, so the table is there:
   * 42P07 duplicate_table, 23505 unique_violation (on {@code pg_type}'s or {@code pg_class}'s name
   * index), 42710 duplicate_object (the primary key's index name).
   */
  public static boolean lostCreateRace(String sqlState) {
    return "42P07".equals(sqlState) || "23505".equals(sqlState) || "42710".equals(sqlState);
  }

  /**
   * Claims keys: inserts missing rows at epoch 1, bumps the epoch of existing ones, and returns
   * {@code key, epoch, position} per key (position NULL when never committed). Parameters: sync
   * name, keys ({@code text[]}, duplicates allowed). Keys are taken in sorted order so that two
   * claims of overlapping keys lock rows in the same order and cannot deadlock.
   */
  public static String claim(String schema) {
    return "INSERT INTO " + table(schema) + " AS c (sync_name, key, epoch, claimed_at)"
        + " SELECT ?, k, 1, pg_catalog.clock_timestamp() FROM (SELECT DISTINCT k FROM pg_catalog.unnest(?::text[]) AS u(k)) d"
        + " ORDER BY k"
        + " ON CONFLICT (sync_name, key) DO UPDATE SET epoch = c.epoch + 1, claimed_at = EXCLUDED.claimed_at"
        + " RETURNING c.key, c.epoch, c.position";
  }

  /**
   * The fence: locks the rows of the session's claimed keys until the commit ends and returns
   * {@code key, epoch} for each; an epoch above the session's claim means a newer claim fenced it.
   * A key whose row is missing was never claimed (or was deleted by an administrator): also
   * fenced. Parameters: sync name, keys ({@code text[]}).
   */
  public static String lockForCommit(String schema) {
    return "SELECT key, epoch FROM " + table(schema) + " WHERE sync_name = ? AND key = ANY (?::text[])"
        + " ORDER BY key FOR UPDATE";
  }

  /**
   * Stores positions, only for rows still at the session's epoch (a second fence, for free), and
   * returns the keys written. Parameters: sync name, keys, positions, epochs (parallel
   * {@code text[]}, {@code text[]}, {@code bigint[]}). The caller compares the returned keys with
   * the ones it gave.
   */
  public static String writePositions(String schema) {
    return "UPDATE " + table(schema) + " AS c SET position = v.position, committed_at = pg_catalog.now()"
        + " FROM (SELECT ?::text AS sync_name, u.key, u.position, u.epoch"
        // ROWS FROM, because the multi-argument unnest is syntax and cannot be schema-qualified.
        + " FROM ROWS FROM (pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::bigint[]))"
        + " AS u(key, position, epoch)) v"
        + " WHERE c.sync_name = v.sync_name AND c.key = v.key AND c.epoch = v.epoch"
        + " RETURNING c.key";
  }

  /**
   * Whether the current user holds one privilege on the existing table: one row, one boolean.
   * Parameters: the quoted, qualified table name ({@link #table}), the privilege. One privilege per
   * call: {@code has_table_privilege} with a list answers whether ANY of them is held.
   */
  public static String tablePrivilege() {
    return "SELECT pg_catalog.has_table_privilege(current_user, ?, ?)";
  }

  /** What a sync session needs on a checkpoint table another user created. */
  public static String grantWrite(String schema, String user) {
    return "GRANT SELECT, INSERT, UPDATE ON TABLE " + table(schema) + " TO " + Sql.ident(user) + ";";
  }

  /**
   * Reads the stored positions of a sync name without claiming anything: {@code key, position,
   * epoch}. Parameters: sync name.
   */
  public static String read(String schema) {
    return "SELECT key, position, epoch FROM " + table(schema) + " WHERE sync_name = ? ORDER BY key";
  }
}
