package dev.pgdest.internal.sql;

import dev.pgdest.PgType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements that apply a sync session's changes to one table: a TEMP stage holding every
 * change with a delete flag and its arrival order, the reduction to one change per key, then the
 * deletes (or soft deletes) and the upserts, each only where the change's version is not older than
 * the stored row's when the table has a version column.
 *
 * @param target the quoted, schema-qualified target table
 * @param stage the quoted name of the TEMP stage
 * @param columns the column names in the database, in COPY order
 * @param types their types in the database
 * @param keys the primary-key column names
 * @param version the version column, or null
 * @param softDelete the soft-delete column, or null
 * @param op the stage's delete-flag column
 * @param ord the stage's arrival-order column
 */
public record ChangeSql(String target, String stage, List<String> columns, List<PgType> types, List<String> keys,
    String version, String softDelete, String op, String ord) {

  /** The stage: the target's columns without constraints, emptied by each commit. */
  public String createStage() {
    return "CREATE TEMP TABLE " + stage + " ON COMMIT DELETE ROWS AS SELECT " + Sql.idents(columns) + " FROM " + target
        + " WITH NO DATA";
  }

  /** The delete flag and the arrival order the reduction needs. */
  public String addChangeColumns() {
    return "ALTER TABLE " + stage + " ADD COLUMN " + Sql.ident(op) + " boolean NOT NULL, ADD COLUMN " + Sql.ident(ord)
        + " bigint GENERATED ALWAYS AS IDENTITY";
  }

  /** COPY of changes: the columns, then the delete flag. */
  public String copy() {
    return "COPY " + stage + " (" + Sql.idents(columns) + ", " + Sql.ident(op) + ") FROM STDIN (FORMAT binary)";
  }

  public String analyze() {
    return "ANALYZE " + stage;
  }

  /**
   * With a version column, first drops every change whose version is below another change's of
   * the same key (equal versions: the earlier arrival); changes without a version stay for
   * {@link #keepLast()}. Null without a version column.
   */
  public String keepNewestVersion() {
    return version == null ? null : SqlParts.keepNewestVersion(stage, keys, version, ord);
  }

  /** Keeps only the last change of each key: upsert then delete is a delete, delete then upsert an upsert. */
  public String keepLast() {
    return SqlParts.keepLast(stage, keys, ord);
  }

  /** Applies the deletes: removes the rows, or sets the soft-delete column (and the version). */
  public String applyDeletes() {
    String where = SqlParts.keyJoin(keys, "t", "s") + " AND s." + Sql.ident(op) + SqlParts.notOlder(version, "s");
    if (softDelete == null) {
      return "DELETE FROM " + target + " t USING " + stage + " s WHERE " + where;
    }
    String sd = Sql.ident(softDelete);
    String setVersion = version == null ? ""
        : ", " + Sql.ident(version) + " = COALESCE(s." + Sql.ident(version) + ", t." + Sql.ident(version) + ")";
    return "UPDATE " + target + " t SET " + sd + " = pg_catalog.now()" + setVersion + " FROM " + stage + " s WHERE "
        + where + " AND t." + sd + " IS NULL";
  }

  /**
   * Applies the upserts through a unique index on the key, returning inserted and updated counts;
   * rows whose values are unchanged are not rewritten.
   */
  public String upsert() {
    return SqlParts.upsert(target, columns, types, keys, stage + " WHERE NOT " + Sql.ident(op),
        SqlParts.notOlder(version, "EXCLUDED"));
  }

  /** Without a unique index: updates the stored rows of upserted keys; null for a key-only table. */
  public String updateFrom() {
    return SqlParts.updateFrom(target, columns, types, keys, stage, " AND NOT s." + Sql.ident(op)
        + SqlParts.notOlder(version, "s"));
  }

  /** Without a unique index: inserts the upserted keys that are not stored. */
  public String insertMissing() {
    return "INSERT INTO " + target + " (" + Sql.idents(columns) + ") SELECT " + columns.stream()
        .map(c -> "s." + Sql.ident(c)).collect(Collectors.joining(", ")) + " FROM " + stage + " s WHERE NOT s."
        + Sql.ident(op) + " AND NOT EXISTS (SELECT 1 FROM " + target + " t WHERE " + SqlParts.keyJoin(keys, "t", "s")
        + ")";
  }


}
