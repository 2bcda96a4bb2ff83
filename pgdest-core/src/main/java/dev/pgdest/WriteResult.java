package dev.pgdest;

import java.time.Duration;

/**
 * What a {@link TableWriter} landed so far: row counts, sanitized values, bytes sent and the time
 * spent in each phase. Immutable and thread-safe.
 *
 * <p>{@code rowsStaged} counts the rows given to committed batches. For {@link WriteMode#UPSERT},
 * {@code rowsInserted + rowsUpdated} may be lower: rows whose values did not change are not
 * rewritten, and of duplicate keys in one batch only the last is merged.
 *
 * <pre>{@code
 * WriteResult r = writer.commit();
 * log.info("{} inserted, {} updated in {}", r.rowsInserted(), r.rowsUpdated(), r.totalTime());
 * }</pre>
 *
 * @param rowsStaged rows given to the writer in committed batches
 * @param rowsInserted rows inserted into the table
 * @param rowsUpdated existing rows whose values changed
 * @param rowsDeleted rows deleted (DELETE mode, or the old contents in REPLACE mode)
 * @param valuesSanitized text and JSON values changed by the {@link NulPolicy}
 * @param bytesSent bytes of COPY data sent, replays included
 * @param batches batches committed
 * @param retries batch replays after passing faults
 * @param schemaTime creating or evolving the table
 * @param copyTime encoding and streaming rows (includes time spent in the caller between rows of
 *     a batch whose COPY is open)
 * @param mergeTime merging staged rows into the table
 * @param commitTime committing
 */
public record WriteResult(
    long rowsStaged, long rowsInserted, long rowsUpdated, long rowsDeleted, long valuesSanitized, long bytesSent,
    long batches, long retries, Duration schemaTime, Duration copyTime, Duration mergeTime, Duration commitTime) {

  /** Nothing written yet. */
  public static final WriteResult EMPTY =
      new WriteResult(0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /** The sum of the phase times. */
  public Duration totalTime() {
    return schemaTime.plus(copyTime).plus(mergeTime).plus(commitTime);
  }
}
