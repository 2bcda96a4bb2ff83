package dev.pgdest.internal.write;

import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.sql.Locks;
import dev.pgdest.internal.sql.StageSql;
import dev.pgdest.internal.unit.UnitConnection;
import java.sql.SQLException;

/**
 * UPSERT by primary key: {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE ... IS DISTINCT FROM}
 * when a unique index covers the key, else {@code UPDATE ... FROM} and {@code INSERT ... WHERE NOT
 * EXISTS} after {@code ANALYZE}. Into a table this writer created it copies straight in until a key
 * repeats (see {@link Staging}). Merges into one table take its advisory lock, so concurrent writers
 * merge one after the other (their COPYs still run in parallel) and never deadlock each other.
 * With a {@linkplain dev.pgdest.TableSpec#versionColumn() version column} a row replaces a stored
 * one only when its version is not older (within a batch: the newest version, then the last row).
 */
final class UpsertMode implements Mode {

  @Override
  public Staging staging(TablePlan plan) {
    return new Staging(plan.created() && plan.uniqueKey() ? Staging.State.DIRECT : Staging.State.STAGED, false);
  }

  @Override
  public boolean tracksKeys() {
    return true;
  }

  @Override
  public long[] apply(TableStage stage, UnitConnection c, long copied) throws SQLException {
    return merge(stage, c, copied, true, stage.plan().uniqueKey());
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
