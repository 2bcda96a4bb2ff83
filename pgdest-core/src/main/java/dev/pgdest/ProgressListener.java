package dev.pgdest;

/**
 * Hears about a writer's progress, to drive a progress bar or metrics. Called on the writer's own
 * thread after each batch commits, so keep it quick; an exception it throws is logged and ignored.
 *
 * <pre>{@code
 * ProgressListener bar = soFar -> System.out.printf("%,d rows%n", soFar.rowsStaged());
 * try (TableWriter w = destination.writer(spec, WriteMode.APPEND, bar)) { ... }
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

  /** A batch was committed; {@code soFar} counts everything this writer committed until now. */
  void batchCommitted(WriteResult soFar);

  /**
   * A batch hit a passing fault and is about to be replayed.
   *
   * @param attempt the replay about to start, 1 for the first
   * @param cause the fault
   */
  default void batchRetrying(int attempt, PgdestException cause) {}

  /** Does nothing. */
  static ProgressListener none() {
    return soFar -> {};
  }
}
