package dev.pgdest.internal.write;

import dev.pgdest.internal.errors.SqlStates;

/**
 * Where a table's batch is copied, as a state machine: straight into the table ({@link
 * State#DIRECT}), into a TEMP stage and merged ({@link State#STAGED}), or into a stage with an
 * arrival-order column and deduplicated first ({@link State#ORDERED}). Each transition is one
 * method, driven by what the encoder sees and what the server refuses. Not thread-safe.
 *
 * <pre>
 *   DIRECT --duplicate key in the batch--> ORDERED --batch landed--> STAGED
 *   DIRECT --23505 unique_violation------> STAGED
 *   STAGED --duplicate key in the batch--> ORDERED
 *   STAGED --21000 cardinality_violation-> ORDERED
 * </pre>
 *
 * A fixed machine (APPEND) stays DIRECT whatever happens: duplicates are rows like any other.
 */
final class Staging {

  /** Where rows go. */
  enum State {
    /** COPY into the table itself: nothing to merge (APPEND, a table new to this writer). */
    DIRECT,
    /** COPY into the stage, then merge: no key occurs twice in the batch. */
    STAGED,
    /** COPY into the stage with arrival order, keep the last row per key, then merge. */
    ORDERED
  }

  private final boolean fixed;
  private State state;

  Staging(State initial, boolean fixed) {
    this.state = initial;
    this.fixed = fixed;
  }

  State state() {
    return state;
  }

  /** Starts over (REPLACE's next load table is new again). */
  void restart(State initial) {
    state = initial;
  }

  /**
   * The encoder saw a key that may repeat in this batch: a direct COPY would fail and the plain
   * stage cannot tell which row came last.
   *
   * @return whether the state changed, so that the rows copied so far must be copied again
   */
  boolean duplicateKeySeen() {
    if (fixed || state == State.ORDERED) {
      return false;
    }
    state = State.ORDERED;
    return true;
  }

  /**
   * The server refused the batch with {@code sqlState}.
   *
   * @return whether the state changed, so that a replay may succeed
   */
  boolean refused(String sqlState) {
    if (fixed) {
      return false;
    }
    if (state == State.DIRECT && SqlStates.UNIQUE_VIOLATION.equals(sqlState)) {
      // A key an earlier batch (or another writer) inserted: merge from now on.
      state = State.STAGED;
      return true;
    }
    if (state == State.STAGED && SqlStates.CARDINALITY_VIOLATION.equals(sqlState)) {
      // Keys equal on the server that hashed apart on the client (e.g. a non-deterministic collation).
      state = State.ORDERED;
      return true;
    }
    return false;
  }

  /** A batch landed: the next one may hold no duplicates, so it skips the order column and dedupe. */
  void batchLanded() {
    if (state == State.ORDERED) {
      state = State.STAGED;
    }
  }
}
