package dev.pgdest.internal.write;

import dev.pgdest.internal.errors.SqlStates;

/**
 * Where a table's batch is copied, as a state machine: straight into the table ({@link
 * State#DIRECT}), into a TEMP stage and merged ({@link State#STAGED}), or into a stage with an
 * arrival-order column and deduplicated first ({@link State#ORDERED}). Each transition is one
 * method, driven by what the encoder sees and what the server refuses. Not thread-safe.
 *
 * <pre>
 *   DIRECT --duplicate key in the batch--> DIRECT (that row goes to the ordered stage: {@link Repeat#SPLIT})
 *   DIRECT --23505 unique_violation------> STAGED (ORDERED when rows of the batch went to the stage)
 *   ORDERED --batch landed---------------> STAGED
 *   STAGED --duplicate key in the batch--> ORDERED
 *   STAGED --21000 cardinality_violation-> ORDERED
 *   STAGED --target empty under the lock--> DIRECT
 * </pre>
 *
 * A fixed machine (APPEND) stays DIRECT whatever happens: duplicates are rows like any other.
 */
final class Staging {

  /** Where rows go. */
  enum State {
    /**
     * COPY into the table itself (APPEND, a table new to this writer): nothing to merge but the rows
     * whose key repeats in the batch, split off to the ordered stage ({@link RepeatRows}).
     */
    DIRECT,
    /** COPY into the stage, then merge: no key occurs twice in the batch. */
    STAGED,
    /** COPY into the stage with arrival order, keep the last row per key, then merge. */
    ORDERED
  }

  /** What becomes of a row whose key hash was seen before (in its batch, or the last direct one). */
  enum Repeat {
    /** It joins the rest of the batch: the batch is fixed, or ordered and deduplicated already. */
    AS_IS,
    /**
     * DIRECT: it goes to the ordered stage instead of the COPY into the table, and the stage is merged
     * into the table after that COPY, so the later rows win over the first ones copied straight in.
     */
    SPLIT,
    /** The batch moves to the ordered stage: the rows copied so far must be copied again. */
    REPLAN
  }

  private final boolean fixed;
  private State state;
  /** Rows of the batch in progress went to the ordered stage beside a direct COPY. */
  private boolean split;

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

  /** Whether rows whose key repeats in the batch go to the ordered stage beside the direct COPY. */
  boolean splitsRepeats() {
    return !fixed && state == State.DIRECT;
  }

  /** Whether rows of the batch in progress went to the ordered stage beside a direct COPY. */
  boolean split() {
    return split;
  }

  /**
   * The encoder saw a key that may repeat in this batch: a direct COPY would fail and the plain
   * stage cannot tell which row came last. A direct COPY goes on without the row ({@link
   * Repeat#SPLIT}); a plain stage becomes an ordered one.
   */
  Repeat duplicateKeySeen() {
    if (fixed || state == State.ORDERED) {
      return Repeat.AS_IS;
    }
    if (state == State.DIRECT) {
      split = true;
      return Repeat.SPLIT;
    }
    state = State.ORDERED;
    return Repeat.REPLAN;
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
      // A key an earlier batch (or another writer) inserted: merge from now on. Rows split off to the
      // ordered stage follow the rest of the batch there (each after its key's first row), so the
      // replay keeps the last row of each key.
      state = split ? State.ORDERED : State.STAGED;
      return true;
    }
    if (state == State.STAGED && SqlStates.CARDINALITY_VIOLATION.equals(sqlState)) {
      // Keys equal on the server that hashed apart on the client (e.g. a non-deterministic collation).
      state = State.ORDERED;
      return true;
    }
    return false;
  }

  /**
   * The target was found empty under the batch's lock: copy straight in, as into a table this
   * writer created (a key that repeats one landed since is refused with 23505 and merged).
   *
   * @return whether the state changed
   */
  boolean emptyTarget() {
    if (fixed || state != State.STAGED) {
      return false;
    }
    state = State.DIRECT;
    return true;
  }

  /** A batch begins: no row of it went anywhere yet. */
  void batchStarted() {
    split = false;
  }

  /**
   * A batch landed: the next one may hold no duplicates, so it skips the order column and dedupe; a
   * direct COPY stays direct whatever was split off.
   */
  void batchLanded() {
    if (state == State.ORDERED) {
      state = State.STAGED;
    }
    split = false;
  }
}
