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
    return SqlParts.keepLast(stage, keys, ord);
  }

  /** With a version column, first keeps the newest version of each key; null without one. */
  public String dedupeVersions() {
    return version == null ? null : SqlParts.keepNewestVersion(stage, keys, version, ord);
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
