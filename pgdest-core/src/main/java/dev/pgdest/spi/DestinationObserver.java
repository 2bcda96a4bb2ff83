package dev.pgdest.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Hears what every writer of one destination does, per table: each committed batch's counts and
 * phase times, replays after passing faults, and rows refused before they reached the server. The
 * seam for metrics and tracing: {@code dev.pgdest:pgdest-micrometer} implements it with Micrometer
 * meters, and core itself depends on no metrics library. Set it with
 * {@code DestinationConfig.builder().observer(...)}.
 *
 * <p>Only JDK types appear in the signatures. Counts and times are those of one batch (deltas, not
 * running totals), keyed by this interface's constants; a later version may add keys, so read the
 * ones you know. Methods are called on the writing thread, from several threads at once when
 * several writers run: implementations must be thread-safe and quick. An exception thrown here is
 * logged and ignored, never failing a write.
 *
 * <pre>{@code
 * DestinationObserver rows = new DestinationObserver() {
 *   public void batchCommitted(String table, Map<String, Long> counts, Map<String, Duration> phases) {
 *     System.out.println(table + ": " + counts.get(DestinationObserver.ROWS_STAGED) + " rows");
 *   }
 * };
 * }</pre>
 */
public interface DestinationObserver {

  /** Count key: rows given to the batch. */
  String ROWS_STAGED = "rows.staged";
  /** Count key: rows inserted into the table. */
  String ROWS_INSERTED = "rows.inserted";
  /** Count key: existing rows whose values changed. */
  String ROWS_UPDATED = "rows.updated";
  /** Count key: rows deleted. */
  String ROWS_DELETED = "rows.deleted";
  /** Count key: text and JSON values changed by the NUL policy. */
  String VALUES_SANITIZED = "values.sanitized";
  /** Count key: bytes of COPY data sent, replays included. */
  String BYTES_SENT = "bytes.sent";
  /** Count key: replays of the batch after passing faults. */
  String RETRIES = "retries";

  /** Phase key: creating or evolving the table. */
  String PHASE_SCHEMA = "schema";
  /** Phase key: encoding and streaming rows. */
  String PHASE_COPY = "copy";
  /** Phase key: merging staged rows into the table. */
  String PHASE_MERGE = "merge";
  /** Phase key: committing. */
  String PHASE_COMMIT = "commit";

  /**
   * A batch committed into {@code table}.
   *
   * @param table the table's name as given in its spec
   * @param counts this batch's counts, by the {@code ROWS_*}, {@code VALUES_SANITIZED},
   *     {@code BYTES_SENT} and {@code RETRIES} keys
   * @param phaseTimes this batch's time per phase, by the {@code PHASE_*} keys
   */
  default void batchCommitted(String table, Map<String, Long> counts, Map<String, Duration> phaseTimes) {}

  /**
   * A batch into {@code table} hit a passing fault and is about to be replayed.
   *
   * @param table the table's name
   * @param attempt the replay about to start, 1 for the first
   * @param sqlState the fault's SQLSTATE, when it has one
   */
  default void batchRetrying(String table, int attempt, Optional<String> sqlState) {}

  /**
   * A row for {@code table} was refused before it reached the server (a value that does not fit
   * its column). The value itself is never passed.
   *
   * @param table the table's name
   * @param reason why, naming the column and the rule
   */
  default void rowRejected(String table, String reason) {}

  /**
   * A metrics registry for the destination's connection pool, handed to HikariCP's
   * {@code setMetricRegistry}: a Micrometer {@code MeterRegistry} (or a Dropwizard
   * {@code MetricRegistry}). Empty, the default, means no pool metrics.
   */
  default Optional<Object> poolMetricRegistry() {
    return Optional.empty();
  }
}
