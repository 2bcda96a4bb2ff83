package dev.pgdest.internal.write;

import dev.pgdest.DataException;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.PgdestException;
import dev.pgdest.ProgressListener;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.RowEncoder;
import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.type.ColumnTypes;
import dev.pgdest.internal.unit.ConnectionSource;
import dev.pgdest.internal.unit.Journal;
import dev.pgdest.internal.unit.RetryPolicy;
import dev.pgdest.internal.unit.UnitOfWork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TableWriter}: a thin view on a {@link UnitOfWork} of one table. Rows are encoded as
 * they come into the batch's {@link TableStage}, which streams them live into the unit's COPY; a
 * full batch is committed as one unit. The write modes are the {@link Mode} classes. Not thread-safe:
 * a call while another thread is in the writer fails fast ({@link OneThread}).
 */
@SuppressWarnings("try") // work scopes: try-with-resources whose variable is never read
public final class DefaultTableWriter implements TableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultTableWriter.class);
  /** Batch bytes kept in memory for replays; the rest of a batch spills to a temporary file. */
  static final long JOURNAL_MEMORY = 8L * 1024 * 1024;
  /**
   * How long a batch's COPY may stay open while the caller produces its rows; past it, the rows
   * journal only. A fast source fills a batch in a second or two.
   */
  static final long LIVE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private enum State { OPEN, FAILED, CLOSED }

  private final TableSpec spec;
  private final DestinationConfig config;
  private final ProgressListener listener;
  private final Journal journal;
  /** The rows a direct batch splits off because their key repeats in it ({@link RepeatRows}). */
  private final Journal repeatJournal;
  private final TableStage stage;
  private final UnitOfWork unit;
  private final Totals totals = new Totals();
  private final int[] mapPositions;
  private final int width;
  private final OneThread oneThread;
  private final WorkScope scope;
  private State state = State.OPEN;
  private long row;
  private boolean batchOpen;
  /** When the open batch began streaming live, or 0 once it stopped. */
  private long batchStarted;

  /**
   * A writer over an already synced table; {@code scope} brackets its work that reaches the server
   * or logs (not each row).
   */
  public DefaultTableWriter(ConnectionSource source, TableSpec spec, WriteMode mode, ProgressListener listener,
      TablePlan plan, int serverMajor, long schemaNanos, WorkScope scope) {
    this.spec = spec;
    this.scope = scope;
    this.oneThread = new OneThread("the writer for table \"" + spec.name() + "\"");
    this.config = source.config();
    this.listener = listener;
    totals.schemaNanos = schemaNanos;
    List<RowEncoder.Field> fields = new ArrayList<>();
    for (int i = 0; i < spec.columns().size(); i++) {
      TableSpec.Column c = spec.columns().get(i);
      boolean key = spec.primaryKey().contains(c.name());
      if (mode != WriteMode.DELETE || key) {
        PgType type = plan.columnTypes().get(i);
        fields.add(new RowEncoder.Field(c.name(), type, c.nullable(), key, ColumnTypes.encoder(type)));
      }
    }
    if (mode == WriteMode.DELETE) {
      // Key values come in primary-key order.
      fields.sort((a, b) -> spec.primaryKey().indexOf(a.name()) - spec.primaryKey().indexOf(b.name()));
    }
    this.width = fields.size();
    this.mapPositions = new int[spec.columns().size()];
    Arrays.fill(mapPositions, -1);
    for (int i = 0; i < fields.size(); i++) {
      mapPositions[spec.indexOf(fields.get(i).name())] = i;
    }
    RowEncoder encoder = new RowEncoder(spec.name(), fields, new EncodeContext(config.nulPolicy(), serverMajor));
    List<String> columns = fields.stream().map(f -> spec.column(f.name()).orElseThrow().sqlName())
        .collect(Collectors.toList());
    List<PgType> types = fields.stream().map(RowEncoder.Field::type).collect(Collectors.toList());
    this.journal = new Journal(Bytes.MIN_CHUNK, Math.min(JOURNAL_MEMORY, config.batchBytes()));
    this.repeatJournal = new Journal(Bytes.MIN_CHUNK, Math.min(JOURNAL_MEMORY, config.batchBytes()));
    this.stage = new TableStage(spec, plan, Modes.of(mode), encoder, columns, types, journal, repeatJournal, totals);
    this.unit = new UnitOfWork(source, new RetryPolicy(config.maxRetries(), config.retryBackoff()),
        (attempt, cause) -> listener.batchRetrying(attempt, cause));
  }

  @Override
  public void write(Object... values) {
    boolean entered = oneThread.enter();
    try {
      writeRow(values);
    } finally {
      oneThread.exit(entered);
    }
  }

  private void writeRow(Object[] values) {
    requireOpen();
    long started = System.nanoTime();
    try {
      if (!batchOpen) {
        try (WorkScope.Entered s = scope.enter()) {
          batchOpen = true;
          batchStarted = started;
          stage.startBatch(row + 1);
          unit.streamTo(stage);
        }
      } else if (batchStarted != 0 && started - batchStarted > LIVE_LIMIT_NANOS) {
        // A slow source: stop holding a transaction (and the table's lock) open across its think
        // time; the batch keeps journaling and is copied whole when it lands.
        batchStarted = 0;
        replan();
      }
      row++;
      if (stage.write(values, row)) {
        replan();
      }
    } catch (RuntimeException e) {
      try (WorkScope.Entered s = scope.enter()) {
        fail(e);
      }
      throw e;
    } finally {
      totals.copyNanos += System.nanoTime() - started;
    }
    if (stage.batchRows() >= config.batchRows() || stage.bytes() >= config.batchBytes()) {
      try (WorkScope.Entered s = scope.enter()) {
        landBatch();
      }
    }
  }

  private void replan() {
    try (WorkScope.Entered s = scope.enter()) {
      unit.replan();
    }
  }

  @Override
  public void write(Map<String, ?> values) {
    boolean entered = oneThread.enter();
    try {
      writeMap(values);
    } finally {
      oneThread.exit(entered);
    }
  }

  private void writeMap(Map<String, ?> values) {
    requireOpen();
    Object[] r = new Object[width];
    for (Map.Entry<String, ?> e : values.entrySet()) {
      int i = spec.indexOf(e.getKey());
      if (i < 0) {
        DataException d = new DataException("table \"" + spec.name() + "\", row " + (row + 1)
            + ": no column named \"" + e.getKey() + "\"", spec.name(), e.getKey(), row + 1);
        fail(d);
        throw d;
      }
      if (mapPositions[i] >= 0) {
        r[mapPositions[i]] = e.getValue();
      }
    }
    writeRow(r);
  }

  private void landBatch() {
    if (!batchOpen) {
      return;
    }
    long rows = stage.batchRows();
    try {
      long started = System.nanoTime();
      long merging = totals.mergeNanos;
      unit.commit(stage.works(), null, "writing " + stage.where());
      totals.commitNanos += System.nanoTime() - started - (totals.mergeNanos - merging);
      totals.staged += rows;
      totals.sanitized += stage.encoder().context().takeSanitized();
      totals.batches++;
      totals.retries = unit.retries();
      batchOpen = false;
      journal.reset();
      repeatJournal.reset();
      LOG.debug("Committed batch of {} rows into \"{}\"", rows, spec.name());
    } catch (RuntimeException e) {
      fail(e);
      throw e;
    }
    try {
      listener.batchCommitted(result());
    } catch (RuntimeException e) {
      LOG.warn("Progress listener failed; ignored: {}", e.toString());
    }
  }

  @Override
  public WriteResult commit() {
    boolean entered = oneThread.enter();
    try {
      return commitBatches();
    } finally {
      oneThread.exit(entered);
    }
  }

  private WriteResult commitBatches() {
    requireOpen();
    landBatch();
    try {
      stage.mode().finish(stage, unit, totals);
      totals.retries = unit.retries();
    } catch (RuntimeException e) {
      fail(e);
      throw e;
    }
    return result();
  }

  @Override
  public WriteResult result() {
    return totals.snapshot(journal.bytesSent() + repeatJournal.bytesSent());
  }

  private void fail(RuntimeException e) {
    state = State.FAILED;
    batchOpen = false;
    unit.rollback();
    journal.reset();
    repeatJournal.reset();
    if (!(e instanceof PgdestException)) {
      LOG.debug("Writer for \"{}\" failed: {}", spec.name(), e.toString());
    }
  }

  private void requireOpen() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("writer for table \"" + spec.name() + "\" is closed");
    }
    if (state == State.FAILED) {
      throw new IllegalStateException("writer for table \"" + spec.name() + "\" failed earlier; close it and open a new one");
    }
  }

  @Override
  public void close() {
    boolean entered = oneThread.enter();
    try {
      closeUnit();
    } finally {
      oneThread.exit(entered);
    }
  }

  private void closeUnit() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    try {
      unit.rollback();
      stage.mode().close(stage, unit.connection());
      unit.close();
    } finally {
      journal.close();
      repeatJournal.close();
    }
  }
}
