package dev.pgdest.internal.write;

import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.sql.Locks;
import dev.pgdest.internal.sql.ProbeSql;
import dev.pgdest.internal.sql.StageSql;
import dev.pgdest.internal.unit.UnitConnection;
import java.sql.SQLException;

/**
 * UPSERT by primary key: {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE ... IS DISTINCT FROM}
 * when a unique index covers the key, else {@code UPDATE ... FROM} and {@code INSERT ... WHERE NOT
 * EXISTS} after {@code ANALYZE}. Into a table this writer created it copies straight in until the
 * server refuses a key another session put in (see {@link Staging}); so it does into an existing
 * table with a unique key that its first batch finds empty under the table's advisory lock. A key
 * that repeats within such a batch, or repeats one of the writer's last batch, is copied in at
 * most once and its later rows are merged after the COPY ({@link RepeatRows}). Merges into one
 * table take its advisory lock, so concurrent writers merge one after the other (their COPYs still
 * run in parallel) and never deadlock each other.
 * With a {@linkplain dev.pgdest.TableSpec#versionColumn() version column} a row replaces a stored
 * one only when its version is not older (within a batch: the newest version, then the last row).
 */
final class UpsertMode implements Mode {
  /** An existing table with a unique key: its first batch looks whether it is empty. */
  private boolean existing;
  /** Looked once: a batch refused after that (23505) must not be sent straight in again. */
  private boolean probed;

  @Override
  public Staging staging(TablePlan plan) {
    existing = !plan.created() && plan.uniqueKey();
    return new Staging(plan.created() && plan.uniqueKey() ? Staging.State.DIRECT : Staging.State.STAGED, false);
  }

  @Override
  public void beforeCopy(TableStage stage, UnitConnection c) throws SQLException {
    if (!existing || probed || stage.staging().state() != Staging.State.STAGED) {
      return;
    }
    probed = true;
    // Under the lock no other writer merges until this batch commits; a key another writer's direct
    // COPY lands meanwhile is refused (23505) and the batch merged. A busy lock: stay staged.
    if (c.queryLongs(Locks.tryMerge(stage.plan().oid()), 1)[0] == 1
        && c.queryLongs(ProbeSql.isEmpty(stage.targetSql().target()), 1)[0] == 1) {
      stage.staging().emptyTarget();
    }
  }

  @Override
  public boolean tracksKeys() {
    return true;
  }

  @Override
  public long[] apply(TableStage stage, UnitConnection c, long copied) throws SQLException {
    return merge(stage, c, copied, true, stage.plan().uniqueKey());
  }

  @Override
  public long[] applyRepeats(TableStage stage, UnitConnection c) throws SQLException {
    return mergeRepeats(stage, c, true);
  }

  /**
   * Merges the rows split off a direct COPY into the table that COPY filled, after it: the ordered
   * stage is deduplicated as a staged batch is (with a version column, the rows the COPY gave the
   * staged keys join it first, so that versions are weighed across the whole batch), then its rows
   * update those this transaction copied in, uncounted (their keys were counted as inserted), and
   * the rest (keys of the last batch, hash collisions) are upserted and counted. Shared with REPLACE (no lock).
   */
  static long[] mergeRepeats(TableStage stage, UnitConnection c, boolean lock) throws SQLException {
    StageSql sql = stage.repeatSql();
    if (lock) {
      c.execute(Locks.merge(stage.plan().oid()));
    }
    String copiedRows = sql.stageCopiedRows();
    if (copiedRows != null) {
      c.execute(copiedRows);
      c.execute(sql.dedupeVersions());
    }
    c.execute(sql.dedupe());
    String update = sql.updateCopiedRows();
    if (update != null) {
      c.execute(update);
    }
    long[] r = c.queryLongs(sql.upsertNotCopied(), 2);
    return new long[] {r[0], r[1], 0};
  }

  /** The merge of UPSERT, shared with REPLACE's load into its own table (which needs no lock). */
  static long[] merge(TableStage stage, UnitConnection c, long copied, boolean lock, boolean unique)
      throws SQLException {
    Staging.State state = stage.staging().state();
    if (state == Staging.State.DIRECT) {
      return new long[] {copied, 0, 0};
    }
    StageSql sql = stage.sql();
    if (lock) {
      c.execute(Locks.merge(stage.plan().oid()));
    }
    if (state == Staging.State.ORDERED) {
      String versions = sql.dedupeVersions();
      if (versions != null) {
        c.execute(versions);
      }
      c.execute(sql.dedupe());
    }
    if (unique) {
      long[] r = c.queryLongs(sql.upsert(), 2);
      return new long[] {r[0], r[1], 0};
    }
    c.execute(sql.analyze());
    String update = sql.updateFrom();
    long updated = update == null ? 0 : c.update(update);
    return new long[] {c.update(sql.insertMissing()), updated, 0};
  }
}
