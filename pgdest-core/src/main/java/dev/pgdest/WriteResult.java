package dev.pgdest;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link TableWriter} landed so far: row counts, sanitized values, bytes sent and the time
 * spent in each phase. Immutable and thread-safe. A final class with accessors (not a record), so
 * that a counter can be added without breaking code that reads the others; build one with {@link
 * #builder()}.
 *
 * <p>{@link #rowsStaged()} counts the rows given to committed batches. For {@link
 * WriteMode#UPSERT}, {@code rowsInserted + rowsUpdated} may be lower: rows whose values did not
 * change are not rewritten, and of duplicate keys in one batch only the last is merged.
 *
 * <pre>{@code
 * WriteResult r = writer.commit();
 * log.info("{} inserted, {} updated in {}", r.rowsInserted(), r.rowsUpdated(), r.totalTime());
 * }</pre>
 */
public final class WriteResult {

  /** Nothing written yet. */
  public static final WriteResult EMPTY = builder().build();

  private final long rowsStaged;
  private final long rowsInserted;
  private final long rowsUpdated;
  private final long rowsDeleted;
  private final long valuesSanitized;
  private final long bytesSent;
  private final long batches;
  private final long retries;
  private final Duration schemaTime;
  private final Duration copyTime;
  private final Duration mergeTime;
  private final Duration commitTime;

  private WriteResult(Builder b) {
    this.rowsStaged = b.rowsStaged;
    this.rowsInserted = b.rowsInserted;
    this.rowsUpdated = b.rowsUpdated;
    this.rowsDeleted = b.rowsDeleted;
    this.valuesSanitized = b.valuesSanitized;
    this.bytesSent = b.bytesSent;
    this.batches = b.batches;
    this.retries = b.retries;
    this.schemaTime = b.schemaTime;
    this.copyTime = b.copyTime;
    this.mergeTime = b.mergeTime;
    this.commitTime = b.commitTime;
  }

  /** A builder with every count zero and every time {@link Duration#ZERO}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Rows given to the writer in committed batches. */
  public long rowsStaged() {
    return rowsStaged;
  }

  /** Rows inserted into the table. */
  public long rowsInserted() {
    return rowsInserted;
  }

  /** Existing rows whose values changed. */
  public long rowsUpdated() {
    return rowsUpdated;
  }

  /** Rows deleted (DELETE mode, deletes of a sync session, or the old contents in REPLACE mode). */
  public long rowsDeleted() {
    return rowsDeleted;
  }

  /** Text and JSON values changed by the {@link NulPolicy}. */
  public long valuesSanitized() {
    return valuesSanitized;
  }

  /** Bytes of COPY data sent, replays included. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Batches committed. */
  public long batches() {
    return batches;
  }

  /** Batch replays after passing faults. */
  public long retries() {
    return retries;
  }

  /** Creating or evolving the table. */
  public Duration schemaTime() {
    return schemaTime;
  }

  /**
   * Encoding and streaming rows (includes time spent in the caller between rows of a batch whose
   * COPY is open).
   */
  public Duration copyTime() {
    return copyTime;
  }

  /** Merging staged rows into the table. */
  public Duration mergeTime() {
    return mergeTime;
  }

  /** Committing. */
  public Duration commitTime() {
    return commitTime;
  }

  /** The sum of the phase times. */
  public Duration totalTime() {
    return schemaTime.plus(copyTime).plus(mergeTime).plus(commitTime);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteResult r && r.rowsStaged == rowsStaged && r.rowsInserted == rowsInserted
        && r.rowsUpdated == rowsUpdated && r.rowsDeleted == rowsDeleted && r.valuesSanitized == valuesSanitized
        && r.bytesSent == bytesSent && r.batches == batches && r.retries == retries
        && r.schemaTime.equals(schemaTime) && r.copyTime.equals(copyTime) && r.mergeTime.equals(mergeTime)
        && r.commitTime.equals(commitTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rowsStaged, rowsInserted, rowsUpdated, rowsDeleted, valuesSanitized, bytesSent, batches,
        retries, schemaTime, copyTime, mergeTime, commitTime);
  }

  @Override
  public String toString() {
    return "WriteResult[rowsStaged=" + rowsStaged + ", rowsInserted=" + rowsInserted + ", rowsUpdated=" + rowsUpdated
        + ", rowsDeleted=" + rowsDeleted + ", valuesSanitized=" + valuesSanitized + ", bytesSent=" + bytesSent
        + ", batches=" + batches + ", retries=" + retries + ", schemaTime=" + schemaTime + ", copyTime=" + copyTime
        + ", mergeTime=" + mergeTime + ", commitTime=" + commitTime + "]";
  }

  /** Builds a {@link WriteResult}; not thread-safe. */
  public static final class Builder {
    private long rowsStaged;
    private long rowsInserted;
    private long rowsUpdated;
    private long rowsDeleted;
    private long valuesSanitized;
    private long bytesSent;
    private long batches;
    private long retries;
    private Duration schemaTime = Duration.ZERO;
    private Duration copyTime = Duration.ZERO;
    private Duration mergeTime = Duration.ZERO;
    private Duration commitTime = Duration.ZERO;

    private Builder() {}

    public Builder rowsStaged(long v) {
      rowsStaged = v;
      return this;
    }

    public Builder rowsInserted(long v) {
      rowsInserted = v;
      return this;
    }

    public Builder rowsUpdated(long v) {
      rowsUpdated = v;
      return this;
    }

    public Builder rowsDeleted(long v) {
      rowsDeleted = v;
      return this;
    }

    public Builder valuesSanitized(long v) {
      valuesSanitized = v;
      return this;
    }

    public Builder bytesSent(long v) {
      bytesSent = v;
      return this;
    }

    public Builder batches(long v) {
      batches = v;
      return this;
    }

    public Builder retries(long v) {
      retries = v;
      return this;
    }

    public Builder schemaTime(Duration v) {
      schemaTime = Objects.requireNonNull(v, "schemaTime");
      return this;
    }

    public Builder copyTime(Duration v) {
      copyTime = Objects.requireNonNull(v, "copyTime");
      return this;
    }

    public Builder mergeTime(Duration v) {
      mergeTime = Objects.requireNonNull(v, "mergeTime");
      return this;
    }

    public Builder commitTime(Duration v) {
      commitTime = Objects.requireNonNull(v, "commitTime");
      return this;
    }

    public WriteResult build() {
      return new WriteResult(this);
    }
  }
}
