package dev.pgdest.internal.write;

import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.unit.UnitConnection;

/** APPEND: every batch is copied straight into the table; there is nothing to merge. */
final class AppendMode implements Mode {

  @Override
  public Staging staging(TablePlan plan) {
    return new Staging(Staging.State.DIRECT, true);
  }

  @Override
  public boolean tracksKeys() {
    return false;
  }

  @Override
  public long[] apply(TableStage stage, UnitConnection c, long copied) {
    return new long[] {copied, 0, 0};
  }
}
