package dev.pgdest.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a task does with a record it cannot land: under {@code errors.tolerance=all} hands it to
 * Connect's errant-record reporter (the DLQ) and remembers the write until the next commit has
 * landed; otherwise fails the task. Messages name topic, partition, offset and column, never the
 * value. Used from the task's thread.
 */
final class Refusals {
  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

  private final boolean tolerateAll;
  private final ErrantRecordReporter reporter;
  private final List<Future<Void>> pending = new ArrayList<>();

  Refusals(boolean tolerateAll, ErrantRecordReporter reporter) {
    this.tolerateAll = tolerateAll;
    this.reporter = reporter;
  }

  /** Refuses a record; throws under {@code errors.tolerance=none}. */
  void refuse(SinkRecord r, String column, String reason, Exception cause) {
    String message = describe(r, column, reason);
    if (!tolerateAll) {
      throw new ConnectException(message, cause);
    }
    report(r, message, cause);
  }

  /** Reports a change the session refused at commit (under SKIP, so tolerance is all). */
  void rejected(SinkRecord r, String column, String reason) {
    if (r == null) {
      LOG.warn("skipped a change of no known record: {}", reason);
      return;
    }
    report(r, describe(r, column, reason), null);
  }

  private void report(SinkRecord r, String message, Exception cause) {
    if (reporter == null) {
      LOG.warn("skipped: {}", message);
    } else {
      pending.add(reporter.report(r, new DataException(message, cause)));
    }
  }

  /** Waits for the DLQ writes, so that they are done before the offsets move on in Kafka too. */
  void await() {
    try {
      for (Future<Void> f : pending) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while writing to the dead-letter queue", e);
    } catch (ExecutionException e) {
      throw new ConnectException("could not write a refused record to the dead-letter queue", e.getCause());
    } finally {
      pending.clear();
    }
  }

  /**
   * Forgets the reports of a unit that was rolled back: its records are read again and reported
   * again, so the DLQ may hold a refused record twice but the table never does.
   */
  void forget() {
    pending.clear();
  }

  /** Names the record by topic, partition and offset, and the column; never the value. */
  static String describe(SinkRecord r, String column, String reason) {
    String where = "topic " + r.topic() + ", partition " + r.kafkaPartition() + ", offset " + r.kafkaOffset();
    String prefix = column == null ? "" : "column \"" + column + "\": ";
    String text = reason.startsWith(prefix) ? reason : prefix + reason;
    return where + ": " + text;
  }
}
