package dev.pgdest.internal.write;

import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.unit.UnitConnection;
import dev.pgdest.internal.unit.UnitOfWork;
import java.sql.SQLException;

/**
 * What one {@link dev.pgdest.WriteMode} contributes to a table's batches: where they start
 * ({@link Staging}), the statements that apply them, and what happens at the writer's commit. One
 * small class per mode.
 */
interface Mode {

  /** The staging state machine of a new writer on this table. */
  Staging staging(TablePlan plan);

  /** Whether duplicate keys within a batch matter, so the writer tracks key hashes. */
  boolean tracksKeys();

  /** Committed setup before a batch's transaction. */
  default void setup(TableStage stage, UnitConnection c) throws SQLException {}

  /**
   * In the batch's transaction, before its COPY is opened (again, on a replay): the last moment to
   * change where the rows go.
   */
  default void beforeCopy(TableStage stage, UnitConnection c) throws SQLException {}

  /**
   * Applies a copied batch.
   *
   * @return inserted, updated, deleted
   */
  long[] apply(TableStage stage, UnitConnection c, long copied) throws SQLException;

  /**
   * Applies the rows a direct batch split off because their key hash repeated in it ({@link
   * RepeatRows}), after {@link #apply}: only modes whose staging splits them implement it.
   *
   * @return inserted, updated, deleted
   */
  default long[] applyRepeats(TableStage stage, UnitConnection c) throws SQLException {
    throw new IllegalStateException("rows split off a direct COPY in a mode that merges none");
  }

  /** Whether the counts of {@link #apply} are what the writer landed (REPLACE counts its swap instead). */
  default boolean countsBatches() {
    return true;
  }

  /** A batch this mode applied committed, with the counts {@link #apply} returned for it. */
  default void landed(long[] counts) {}

  /** The writer's commit, after its last batch. */
  default void finish(TableStage stage, UnitOfWork unit, Totals totals) {}

  /** The writer closes: drop what the mode left behind. Never throws. */
  default void close(TableStage stage, UnitConnection c) {}
}
