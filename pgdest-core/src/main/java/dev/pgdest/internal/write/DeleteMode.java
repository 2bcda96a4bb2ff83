package dev.pgdest.internal.write;

import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.sql.Locks;
import dev.pgdest.internal.sql.StageSql;
import dev.pgdest.internal.unit.UnitConnection;
import java.sql.SQLException;

/** DELETE: stages the given keys and deletes the matching rows with {@code DELETE ... USING}. */
final class DeleteMode implements Mode {

  @Override
  public Staging staging(TablePlan plan) {
    return new Staging(Staging.State.STAGED, true);
  }

  @Override
  public boolean tracksKeys() {
    return false; // a key given twice deletes its row once
  }

  @Override
  public long[] apply(TableStage stage, UnitConnection c, long copied) throws SQLException {
    StageSql sql = stage.sql();
    c.execute(Locks.merge(stage.plan().oid()));
    c.execute(sql.analyze());
    return new long[] {0, 0, c.update(sql.delete())};
  }
}
