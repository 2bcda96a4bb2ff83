package dev.pgdest.internal.write;

import dev.pgdest.WriteResult;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.schema.Identifiers;
import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.sql.Locks;
import dev.pgdest.internal.sql.ReplaceSql;
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
 * commit puts its contents in place in one transaction, by one of two paths ({@link
 * WriteResult#replace()} says which ran):
 *
 * <ul>
 *   <li>{@link WriteResult.Replace#SWAPPED} when nothing depends on the target (no view, rule,
 *       foreign key, publication, policy, trigger, inheritance, owned sequence) and this user may
 *       drop it: the load table already has the target's constraints and indexes, and takes its
 *       grants, owner, comments, replica identity and storage options; the target is dropped and
 *       the load table renamed in its place under an exclusive lock ({@link ReplaceSwap}). The new
 *       contents cost one load and leave no dead rows. Readers wait for the lock during the swap
 *       and then read the new table; a reader at REPEATABLE READ or SERIALIZABLE whose snapshot
 *       is older than the load and who first reads the table after the swap sees it empty, as
 *       after a TRUNCATE (PostgreSQL's own caveat for rewrites).
 *   <li>{@link WriteResult.Replace#DELETED_AND_INSERTED} otherwise: {@code DELETE} and {@code
 *       INSERT ... SELECT}, MVCC-safe for readers at every isolation level, and views, grants and
 *       foreign keys stay attached; the old rows stay as dead rows until vacuumed (logged).
 * </ul>
 */
final class ReplaceMode implements Mode {
  private static final Logger LOG = LoggerFactory.getLogger(ReplaceMode.class);

  /** The load table, or null while none exists. */
  private String loadTable;
  /** The swap prepared by setup, or null when the load table is shaped for DELETE and INSERT. */
  private ReplaceSwap swap;
  /** Rows the landed batches inserted into the load table: the new contents. */
  private long loaded;

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
    TablePlan plan = stage.plan();
    String hex = TableStage.hex(4);
    String name = Identifiers.sqlName(plan.table() + "$pgdest_replace$" + hex, "table");
    String shadow = Sql.qualified(plan.schema(), name);
    ReplaceSwap candidate = new ReplaceSwap(plan.schema(), plan.table(), plan.oid());
    // The load merges by key into its own unique index: the target must have one to lend it.
    List<String> blockers = stage.keys().isEmpty() || plan.uniqueKey() ? candidate.blockers(c)
        : List.of("it has no unique index on the primary key");
    if (blockers.isEmpty()) {
      candidate.create(c, shadow, "pgdest_" + hex + "_");
      swap = candidate;
    } else {
      LOG.debug("REPLACE of \"{}\" will delete and insert instead of swapping: {}", stage.name(), blockers);
      StageSql sql = stage.targetSql();
      c.execute(sql.createLike(shadow));
      String pk = sql.addPrimaryKey(shadow);
      if (pk != null) {
        c.execute(pk);
      }
      swap = null;
    }
    c.commitSetup();
    loadTable = shadow;
    loaded = 0;
    stage.loadInto(shadow);
    // The load table is new and keyed: copy straight in until a key repeats.
    stage.staging().restart(Staging.State.DIRECT);
  }

  @Override
  public long[] apply(TableStage stage, UnitConnection c, long copied) throws SQLException {
    return UpsertMode.merge(stage, c, copied, false, !stage.keys().isEmpty());
  }

  @Override
  public long[] applyRepeats(TableStage stage, UnitConnection c) throws SQLException {
    return UpsertMode.mergeRepeats(stage, c, false);
  }

  @Override
  public boolean countsBatches() {
    return false;
  }

  @Override
  public void landed(long[] counts) {
    loaded += counts[0];
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
    long[] counts = new long[2];
    WriteResult.Replace[] path = new WriteResult.Replace[1];
    StageSql target = stage.targetSql();
    unit.commit(List.of(), c -> {
      long started = System.nanoTime();
      c.execute(Locks.merge(stage.plan().oid()));
      path[0] = WriteResult.Replace.DELETED_AND_INSERTED;
      if (swap != null) {
        c.execute(ReplaceSql.lockExclusive(target.target()));
        List<String> blockers = swap.blockers(c);
        if (!blockers.isEmpty()) {
          LOG.info("REPLACE of \"{}\" deletes and inserts instead of swapping: {}", stage.name(), blockers);
        } else {
          counts[0] = c.queryLongs(ReplaceSql.countRows(target.target()), 1)[0];
          if (swap.swap(c, loadTable)) {
            counts[1] = loaded;
            path[0] = WriteResult.Replace.SWAPPED;
          } else {
            LOG.warn("REPLACE of \"{}\" could not swap tables and deletes and inserts instead", stage.name());
          }
        }
      }
      if (path[0] == WriteResult.Replace.DELETED_AND_INSERTED) {
        counts[0] = c.update(target.deleteAll());
        counts[1] = c.update(target.insertAllFrom(loadTable));
        c.execute(StageSql.drop(loadTable));
      }
      totals.mergeNanos += System.nanoTime() - started;
    }, action);
    if (path[0] == WriteResult.Replace.DELETED_AND_INSERTED && counts[0] > 0) {
      LOG.info("REPLACE of \"{}\" left {} dead rows in the table until it is vacuumed", stage.name(), counts[0]);
    }
    totals.deleted += counts[0];
    totals.inserted += counts[1];
    totals.replace = path[0];
    loadTable = null;
    swap = null;
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
