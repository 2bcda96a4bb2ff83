package dev.pgdest.internal.sql;

import dev.pgdest.PgType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statement text of staging and merging, for one target table and column list: COPY, the TEMP
 * stage, dedupe, the merges of UPSERT and DELETE, and REPLACE's load table and swap. Every name is
 * quoted by {@link Sql#ident(String)}.
 *
 * @param target the quoted, schema-qualified target table
 * @param stage the quoted name of the TEMP staging table
 * @param columns the column names in the database, in COPY order
 * @param types their types in the database
 * @param keys the primary-key column names in the database
 * @param ord the name of the staging table's arrival-order column
 * @param version the version column (UPSERT only: a row replaces a stored one only when its version
 *     is not older), or null
 */
public record StageSql(String target, String stage, List<String> columns, List<PgType> types, List<String> keys,
    String ord, String version) {

  /** Statements without a version column. */
  public StageSql(String target, String stage, List<String> columns, List<PgType> types, List<String> keys,
      String ord) {
    this(target, stage, columns, types, keys, ord, null);
  }

  /** {@code COPY table (columns) FROM STDIN (FORMAT binary)}. */
  public static String copy(String table, List<String> columns) {
    return "COPY " + table + " (" + Sql.idents(columns) + ") FROM STDIN (FORMAT binary)";
  }

  /** COPY into the staging table. */
  public String copyToStage() {
    return copy(stage, columns);
  }

  /**
   * The staging table: the target's columns with their exact types and no constraints, plus an
   * arrival-order column, emptied by every commit so it can serve all batches of a writer.
   */
  public String createStage() {
    return "CREATE TEMP TABLE " + stage + " ON COMMIT DELETE ROWS AS SELECT " + Sql.idents(columns) + " FROM " + target
        + " WITH NO DATA";
  }

  /** Adds the arrival-order column that dedupe needs to know which row came last. */
  public String addOrd() {
    return "ALTER TABLE " + stage + " ADD COLUMN " + Sql.ident(ord) + " bigint GENERATED ALWAYS AS IDENTITY";
  }

  /** Keeps only the last staged row of each key. */
  public String dedupe() {
    // One pass finds the few repeated keys; joining the whole stage with itself cost 2-3x as much.
    String o = Sql.ident(ord);
    return "DELETE FROM " + stage + " a USING (SELECT " + Sql.idents(keys) + ", max(" + o + ") AS " + o + " FROM "
        + stage + " GROUP BY " + Sql.idents(keys) + " HAVING count(*) > 1) b WHERE " + SqlParts.keyJoin(keys, "a", "b")
        + " AND a." + o + " < b." + o;
  }

  /** With a version column, first keeps the newest version of each key; null without one. */
  public String dedupeVersions() {
    return version == null ? null : SqlParts.keepNewestVersion(stage, keys, version, ord);
  }

  /**
   * A direct batch with a version column: the rows its COPY put into the target for the keys that
   * repeat in the stage join the stage as their keys' first arrivals (order 0), so that {@link
   * #dedupeVersions()} and {@link #dedupe()} weigh the whole batch as a staged one does; null
   * without a version column (the last staged row wins anyway).
   */
  public String stageCopiedRows() {
    if (version == null) {
      return null;
    }
    return "INSERT INTO " + stage + " (" + Sql.idents(columns) + ", " + Sql.ident(ord) + ") OVERRIDING SYSTEM VALUE"
        + " SELECT " + columns.stream().map(c -> "t." + Sql.ident(c)).collect(Collectors.joining(", ")) + ", 0 FROM"
        + " (SELECT DISTINCT " + Sql.idents(keys) + " FROM " + stage + ") s JOIN " + target + " t ON "
        + SqlParts.keyJoin(keys, "t", "s") + " WHERE " + SqlParts.writtenHere("t");
  }

  /**
   * A direct batch: the deduplicated stage's rows replace those the batch's COPY put into the
   * target for the same keys (rows of earlier transactions are left to {@link #upsertNotCopied()});
   * null for a key-only table.
   */
  public String updateCopiedRows() {
    return SqlParts.updateFrom(target, columns, types, keys, stage,
        SqlParts.notOlder(version, "s") + " AND " + SqlParts.writtenHere("t"));
  }

  /**
   * A direct batch: {@link #upsert()} of the staged rows whose keys the batch's COPY did not put
   * into the target (keys of the writer's last batch, and hash collisions with other keys).
   */
  public String upsertNotCopied() {
    return SqlParts.upsert(target, columns, types, keys, stage + " s WHERE NOT EXISTS (SELECT 1 FROM " + target
        + " c WHERE " + SqlParts.keyJoin(keys, "c", "s") + " AND " + SqlParts.writtenHere("c") + ")",
        SqlParts.notOlder(version, "EXCLUDED"));
  }

  public String analyze() {
    return "ANALYZE " + stage;
  }

  /**
   * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE ... IS DISTINCT FROM}, returning the number
   * of inserted and of updated rows ({@code xmax = 0} marks a row version that was inserted).
   */
  public String upsert() {
    return SqlParts.upsert(target, columns, types, keys, stage, SqlParts.notOlder(version, "EXCLUDED"));
  }

  /** The UPDATE half of a merge without a unique key. */
  public String updateFrom() {
    return SqlParts.updateFrom(target, columns, types, keys, stage, SqlParts.notOlder(version, "s"));
  }

  /** The INSERT half of a merge without a unique key. */
  public String insertMissing() {
    return "INSERT INTO " + target + " (" + Sql.idents(columns) + ") SELECT "
        + columns.stream().map(c -> "s." + Sql.ident(c)).collect(Collectors.joining(", ")) + " FROM " + stage
        + " s WHERE NOT EXISTS (SELECT 1 FROM " + target + " t WHERE " + SqlParts.keyJoin(keys, "t", "s") + ")";
  }

  /** DELETE mode: removes the target rows whose keys were staged. */
  public String delete() {
    return "DELETE FROM " + target + " t USING " + stage + " s WHERE " + SqlParts.keyJoin(keys, "t", "s");
  }

  /** The same statements against another target (REPLACE's load table). */
  public StageSql withTarget(String otherTarget) {
    return new StageSql(otherTarget, stage, columns, types, keys, ord, version);
  }

  /** The same statements with an arrival-order column of this name in the stage. */
  public StageSql withOrd(String ordColumn) {
    return new StageSql(target, stage, columns, types, keys, ordColumn, version);
  }

  /** The same statements with another staging table. */
  public StageSql withStage(String otherStage) {
    return new StageSql(target, otherStage, columns, types, keys, ord, version);
  }

  /** REPLACE: the load table, shaped like the target, that collects the new contents. */
  public String createLike(String table) {
    return "CREATE TABLE " + table + " (LIKE " + target + " INCLUDING DEFAULTS)";
  }

  /** REPLACE: the load table's primary key, so that the load can merge by key. */
  public String addPrimaryKey(String table) {
    return keys.isEmpty() ? null : "ALTER TABLE " + table + " ADD PRIMARY KEY (" + Sql.idents(keys) + ")";
  }

  /** REPLACE's swap, first half: the old contents go (MVCC-safe: readers see them until COMMIT). */
  public String deleteAll() {
    return "DELETE FROM " + target;
  }

  /** REPLACE's swap, second half: the load table's rows become the contents. */
  public String insertAllFrom(String table) {
    return "INSERT INTO " + target + " (" + Sql.idents(columns) + ") SELECT " + Sql.idents(columns) + " FROM " + table;
  }

  /** REPLACE: drops the load table. */
  public static String drop(String table) {
    return "DROP TABLE " + table;
  }
}
