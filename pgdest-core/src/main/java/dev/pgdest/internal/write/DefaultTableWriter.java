package dev.pgdest.internal.write;

import dev.pgdest.DataException;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgdestException;
import dev.pgdest.ProgressListener;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.internal.DefaultDestination;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.Journal;
import dev.pgdest.internal.copy.KeySet;
import dev.pgdest.internal.copy.RowEncoder;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.schema.TablePlan;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TableWriter}: encodes rows as they come, streams each batch live into an open COPY
 * (journaling it for replays), and lands it with {@link Lander}. See the package's modes in {@link
 * Lander}. Not thread-safe.
 */
public final class DefaultTableWriter implements TableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultTableWriter.class);
  /** Batch bytes kept in memory for replays; the rest of a batch spills to a temporary file. */
  static final long JOURNAL_MEMORY = 8L * 1024 * 1024;

  private enum State { OPEN, FAILED, CLOSED }

  private final TableSpec spec;
  private final WriteMode mode;
  private final DestinationConfig config;
  private final ProgressListener listener;
  private final RowEncoder encoder;
  private final Journal journal;
  private final Bytes out;
  private final KeySet keys = new KeySet();
  private final Lander lander;
  private final Totals totals;
  private final int[] mapPositions;
  private State state = State.OPEN;
  private long row;
  private int rowsInBatch;
  private boolean batchOpen;
  private boolean possibleDuplicates;

  /** A writer over an already synced table; takes ownership of the session. */
  public DefaultTableWriter(DefaultDestination destination, TableSpec spec, WriteMode mode, ProgressListener listener,
      TablePlan plan, int serverMajor, long schemaNanos) {
    this.spec = spec;
    this.mode = mode;
    this.config = destination.config();
    this.listener = listener;
    this.totals = new Totals();
    totals.schemaNanos = schemaNanos;
    List<RowEncoder.Field> fields = new ArrayList<>();
    for (int i = 0; i < spec.columns().size(); i++) {
      TableSpec.Column c = spec.columns().get(i);
      boolean key = spec.primaryKey().contains(c.name());
      if (mode != WriteMode.DELETE || key) {
        fields.add(new RowEncoder.Field(c.name(), plan.columnTypes().get(i), c.nullable(), key));
      }
    }
    if (mode == WriteMode.DELETE) {
      // Key values come in primary-key order.
      fields.sort((a, b) -> spec.primaryKey().indexOf(a.name()) - spec.primaryKey().indexOf(b.name()));
    }
    this.mapPositions = new int[spec.columns().size()];
    Arrays.fill(mapPositions, -1);
    for (int i = 0; i < fields.size(); i++) {
      mapPositions[spec.indexOf(fields.get(i).name())] = i;
    }
    this.encoder = new RowEncoder(spec.name(), fields, new EncodeContext(config.nulPolicy(), serverMajor));
    this.journal = new Journal(Bytes.MIN_CHUNK, Math.min(JOURNAL_MEMORY, config.batchBytes()));
    this.out = new Bytes(Bytes.MIN_CHUNK, journal);
    this.lander = new Lander(new Session(destination), spec, mode, plan, fields, config, totals, listener);
  }

  @Override
  public void write(Object... values) {
    requireOpen();
    long started = System.nanoTime();
    try {
      if (!batchOpen) {
        startBatch();
      }
      row++;
      long hash = encoder.encode(values, out, row);
      rowsInBatch++;
      if (lander.tracksKeys() && keys.add(hash) && !possibleDuplicates) {
        possibleDuplicates = true;
        lander.duplicatesSeen();
      }
    } catch (RuntimeException e) {
      fail(e);
      throw e;
    } finally {
      totals.copyNanos += System.nanoTime() - started;
    }
    if (rowsInBatch >= config.batchRows() || out.written() >= config.batchBytes()) {
      landBatch();
    }
  }

  @Override
  public void write(Map<String, ?> values) {
    requireOpen();
    Object[] row = new Object[encoder.width()];
    for (Map.Entry<String, ?> e : values.entrySet()) {
      int i = spec.indexOf(e.getKey());
      if (i < 0) {
        DataException d = new DataException("table \"" + spec.name() + "\", row " + (this.row + 1)
            + ": no column named \"" + e.getKey() + "\"", spec.name(), e.getKey(), this.row + 1);
        fail(d);
        throw d;
      }
      if (mapPositions[i] >= 0) {
        row[mapPositions[i]] = e.getValue();
      }
    }
    write(row);
  }

  private void startBatch() {
    batchOpen = true;
    rowsInBatch = 0;
    possibleDuplicates = false;
    keys.clear();
    journal.reset();
    out.reset();
    RowEncoder.header(out);
    lander.startLive(journal);
  }

  private void landBatch() {
    if (!batchOpen) {
      return;
    }
    try {
      RowEncoder.trailer(out);
      out.flush();
      lander.land(journal, rowsInBatch, row - rowsInBatch + 1);
      totals.staged += rowsInBatch;
      totals.sanitized += encoder.context().takeSanitized();
      totals.batches++;
      batchOpen = false;
      journal.reset();
      LOG.debug("Committed batch of {} rows into \"{}\"", rowsInBatch, spec.name());
    } catch (RuntimeException e) {
      fail(e);
      throw e;
    }
    notifyListener();
  }

  private void notifyListener() {
    try {
      listener.batchCommitted(result());
    } catch (RuntimeException e) {
      LOG.warn("Progress listener failed; ignored: {}", e.toString());
    }
  }

  @Override
  public WriteResult commit() {
    requireOpen();
    landBatch();
    try {
      lander.finish();
    } catch (RuntimeException e) {
      fail(e);
      throw e;
    }
    return result();
  }

  @Override
  public WriteResult result() {
    return totals.snapshot(journal.bytesSent());
  }

  private void fail(RuntimeException e) {
    state = State.FAILED;
    batchOpen = false;
    lander.abort();
    journal.reset();
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
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    try {
      lander.close();
    } finally {
      journal.close();
    }
  }

  /** Wraps a driver error of a step outside a batch. */
  static PgdestException translate(String action, SQLException e) {
    return Errors.translate(action, e);
  }
}
