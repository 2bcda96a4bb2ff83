package dev.pgdest.internal.write;

import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.schema.Identifiers;
import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.sql.Locks;
import dev.pgdest.internal.sql.Sql;
import dev.pgdest.internal.sql.StageSql;
import dev.pgdest.internal.sql.UnitSql;
import dev.pgdest.internal.unit.UnitConnection;
import dev.pgdest.internal.unit.UnitOfWork;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REPLACE: the batches load an UPSERT into a fresh load table shaped like the target; the writer's
 * commit swaps the contents into the target in one transaction ({@code DELETE} and {@code INSERT
 * ... SELECT}). Unlike TRUNCATE or a rename this is MVCC-safe: readers (any isolation level) see the
 * old rows until the commit and never block, and views, grants and foreign keys stay attached. The
 * cost is dead tuples for autovacuum.
 */
final class ReplaceMode implements Mode {
  private static final Logger LOG = LoggerFactory.getLogger(ReplaceMode.class);

  /** The load table, or null while none exists. */
  private String loadTable;

  @Override
  public Staging staging(TablePlan plan) {
    return new Staging(Staging.State.DIRECT, false);
  }

  @Override
  public boolean tracksKeys() {
    return true;
  }

  @Override
  public void setup(TableStage stage, UnitConnection c) throws SQLException {
    if (loadTable != null) {
      return;
    }
    String name = Identifiers.sqlName(stage.plan().table() + "$pgdest_replace$" + TableStage.hex(4), "table");
    String shadow = Sql.qualified(stage.plan().schema(), name);
    StageSql sql = stage.targetSql();
    c.execute(sql.createLike(shadow));
    String pk = sql.addPrimaryKey(shadow);
    if (pk != null) {
      c.execute(pk);
    }
    c.commitSetup();
    loadTable = shadow;
    stage.loadInto(shadow);
    // The load table is new and keyed: copy straight in until a key repeats.
    stage.staging().restart(Staging.State.DIRECT);
  }

  @Override
  public long[] apply(TableStage stage, UnitConnection c, long copied) throws SQLException {
    return UpsertMode.merge(stage, c, copied, false, !stage.keys().isEmpty());
  }

  @Override
  public boolean countsBatches() {
    return false;
  }

  @Override
  public void finish(TableStage stage, UnitOfWork unit, Totals totals) {
    String action = "replacing the rows of table \"" + stage.name() + "\"";
    if (loadTable == null) {
      try {
        setup(stage, unit.connection()); // nothing was written: the table becomes empty
      } catch (SQLException e) {
        throw Errors.translate(action, e);
      }
    }
    long[] swapped = new long[2];
    StageSql target = stage.targetSql();
    unit.commit(List.of(), c -> {
      long started = System.nanoTime();
      c.execute(Locks.merge(stage.plan().oid()));
      swapped[0] = c.update(target.deleteAll());
      swapped[1] = c.update(target.insertAllFrom(loadTable));
      c.execute(StageSql.drop(loadTable));
      totals.mergeNanos += System.nanoTime() - started;
    }, action);
    totals.deleted += swapped[0];
    totals.inserted += swapped[1];
    loadTable = null;
    stage.loadInto(null);
  }

  @Override
  public void close(TableStage stage, UnitConnection c) {
    if (loadTable == null) {
      return;
    }
    try {
      c.execute(UnitSql.dropIfExists(loadTable));
      c.commitSetup();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Could not drop the unfinished REPLACE load table of \"{}\": {}", stage.name(), Errors.describe(e));
    }
    loadTable = null;
  }
}
