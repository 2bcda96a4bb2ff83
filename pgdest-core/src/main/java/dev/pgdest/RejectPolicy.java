package dev.pgdest;

/**
 * What a {@link SyncSession} does with a change it cannot land (a value that does not fit its
 * column, or a row the server refuses, e.g. by a CHECK constraint).
 *
 * <pre>{@code
 * SyncSession sync = dest.openSync("crm", RejectPolicy.SKIP, r -> log.warn("skipped {}", r));
 * }</pre>
 */
public enum RejectPolicy {
  /** The commit fails with a {@link DataException} and nothing of the unit lands. The default. */
  FAIL,
  /**
   * The refused change is handed to the session's listener as a {@link Rejection}, counted in
   * {@link SyncResult#rejected()}, and every other change lands.
   */
  SKIP
}
