package dev.pgdest.internal;

import dev.pgdest.DataException;
import dev.pgdest.PgdestException;
import dev.pgdest.ProgressListener;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteResult;
import dev.pgdest.internal.write.WorkScope;
import dev.pgdest.spi.DestinationObserver;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Wraps a writer to tell the destination's {@link DestinationObserver} about refused rows and to
 * put the destination and the table into the SLF4J MDC (keys {@link #MDC_DESTINATION} and
 * {@link #MDC_TABLE}) while the writer works, so that every line the write path logs on the
 * caller's thread names them. A row that only joins the open batch sets no MDC: the writer enters
 * {@link #scope} itself where it reaches the server or logs. {@link #listener} composes the
 * observer with the writer's own {@link ProgressListener}. Like the writer, not thread-safe.
 */
@SuppressWarnings("try") // MDC scopes: try-with-resources whose variable is never read
final class ObservedWriter implements TableWriter {

  /** MDC key of the destination, {@code host:port/database/schema}. */
  static final String MDC_DESTINATION = "pgdest.destination";
  /** MDC key of the table a writer writes. */
  static final String MDC_TABLE = "pgdest.table";

  private static final Logger LOG = LoggerFactory.getLogger(ObservedWriter.class);

  private final TableWriter writer;
  private final String destination;
  private final String table;
  private final Optional<DestinationObserver> observer;

  ObservedWriter(TableWriter writer, String destination, String table, Optional<DestinationObserver> observer) {
    this.writer = writer;
    this.destination = destination;
    this.table = table;
    this.observer = observer;
  }

  /** The MDC scope a writer enters where it reaches the server or logs. */
  static WorkScope scope(String destination, String table) {
    return () -> Mdc.of(destination, table);
  }

  @Override
  public void write(Object... values) {
    try {
      writer.write(values);
    } catch (DataException e) {
      rejected(e);
      throw e;
    }
  }

  @Override
  public void write(Map<String, ?> row) {
    try {
      writer.write(row);
    } catch (DataException e) {
      rejected(e);
      throw e;
    }
  }

  private void rejected(DataException e) {
    observer.ifPresent(o -> safely(() -> o.rowRejected(table, e.getMessage())));
  }

  @Override
  public WriteResult commit() {
    return inMdc(writer::commit);
  }

  @Override
  public WriteResult result() {
    return writer.result();
  }

  @Override
  public void close() {
    inMdc(() -> {
      writer.close();
      return null;
    });
  }

  private <T> T inMdc(Supplier<T> action) {
    try (Mdc ignored = Mdc.of(destination, table)) {
      return action.get();
    }
  }

  /** The writer's listener, preceded by the observer's share of each event. */
  static ProgressListener listener(String table, Optional<DestinationObserver> observer, ProgressListener own) {
    if (observer.isEmpty()) {
      return own;
    }
    DestinationObserver o = observer.get();
    return new ProgressListener() {
      private WriteResult previous = WriteResult.EMPTY;

      @Override
      public void batchCommitted(WriteResult soFar) {
        WriteResult before = previous;
        previous = soFar;
        safely(() -> o.batchCommitted(table, counts(soFar, before), phases(soFar, before)));
        own.batchCommitted(soFar);
      }

      @Override
      public void batchRetrying(int attempt, PgdestException cause) {
        safely(() -> o.batchRetrying(table, attempt, cause.sqlState()));
        own.batchRetrying(attempt, cause);
      }
    };
  }

  static Map<String, Long> counts(WriteResult now, WriteResult before) {
    return Map.of(
        DestinationObserver.ROWS_STAGED, now.rowsStaged() - before.rowsStaged(),
        DestinationObserver.ROWS_INSERTED, now.rowsInserted() - before.rowsInserted(),
        DestinationObserver.ROWS_UPDATED, now.rowsUpdated() - before.rowsUpdated(),
        DestinationObserver.ROWS_DELETED, now.rowsDeleted() - before.rowsDeleted(),
        DestinationObserver.VALUES_SANITIZED, now.valuesSanitized() - before.valuesSanitized(),
        DestinationObserver.BYTES_SENT, now.bytesSent() - before.bytesSent(),
        DestinationObserver.RETRIES, now.retries() - before.retries());
  }

  static Map<String, Duration> phases(WriteResult now, WriteResult before) {
    return Map.of(
        DestinationObserver.PHASE_SCHEMA, now.schemaTime().minus(before.schemaTime()),
        DestinationObserver.PHASE_COPY, now.copyTime().minus(before.copyTime()),
        DestinationObserver.PHASE_MERGE, now.mergeTime().minus(before.mergeTime()),
        DestinationObserver.PHASE_COMMIT, now.commitTime().minus(before.commitTime()));
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("Destination observer failed; ignored: {}", e.toString());
    }
  }

  /** Sets the MDC keys for one call and restores what was there before. */
  static final class Mdc implements WorkScope.Entered {
    private final String previousDestination;
    private final String previousTable;

    private Mdc(String destination, String table) {
      previousDestination = MDC.get(MDC_DESTINATION);
      previousTable = MDC.get(MDC_TABLE);
      MDC.put(MDC_DESTINATION, destination);
      if (table != null) {
        MDC.put(MDC_TABLE, table);
      }
    }

    static Mdc of(String destination, String table) {
      return new Mdc(destination, table);
    }

    @Override
    public void close() {
      restore(MDC_DESTINATION, previousDestination);
      restore(MDC_TABLE, previousTable);
    }

    private static void restore(String key, String value) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }
}
