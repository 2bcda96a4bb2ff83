package dev.pgdest.cli.internal.load;

import dev.pgdest.WriteResult;
import java.util.function.LongSupplier;

/** Hears how a load advances, to draw a progress bar or print log lines. */
public interface Progress {
  /** Hears nothing. */
  Progress NONE = new Progress() {};

  /**
   * The load starts.
   *
   * @param totalBytes the inputs' size on disk, or -1 when unknown (standard input)
   * @param bytesRead bytes read from the inputs so far; safe to call from any thread
   * @param rowsRead rows read so far; safe to call from any thread
   */
  default void started(long totalBytes, LongSupplier bytesRead, LongSupplier rowsRead) {}

  /** A batch committed; called on the loading thread. */
  default void batchCommitted(WriteResult soFar) {}

  /** The load ended, well or not. */
  default void finished() {}
}
