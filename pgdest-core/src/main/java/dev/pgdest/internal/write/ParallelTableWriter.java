package dev.pgdest.internal.write;

import dev.pgdest.Destination;
import dev.pgdest.ProgressListener;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An APPEND writer that spreads one table's batches over several connections: the caller's rows
 * are handed, a batch's worth at a time, to one of N worker threads, each with its own {@link
 * TableWriter} (its own connection, journal and retries), round robin. Every batch is still one
 * transaction on one connection, so it lands whole or not at all; batches land in no particular
 * order, which APPEND does not care about. Encoding runs on the workers, so the caller's thread
 * only hands over references: values must not be changed after {@code write} returns (arrays of
 * values are copied, the values themselves are not).
 *
 * <p>Not thread-safe, like every writer: use it from one thread. The progress listener is called
 * on the workers' threads, one at a time, with the totals of all workers.
 */
public final class ParallelTableWriter implements TableWriter {
  /** Rows handed over at once: large enough that the hand-over costs nothing per row. */
  static final int CHUNK = 1024;
  /** Chunks a worker may have waiting: bounds memory to N x QUEUED x CHUNK rows. */
  private static final int QUEUED = 8;
  private static final Object[][] COMMIT = new Object[0][];
  private static final Object[][] CLOSE = new Object[0][];

  private final String table;
  private final int batchRows;
  private final List<Worker> workers = new ArrayList<>();
  private final ProgressListener listener;
  private final WriteResult[] latest;
  private Object[][] chunk = new Object[CHUNK][];
  private int inChunk;
  private long inBatch;
  private int current;
  private boolean spent;
  private boolean closed;
  private WriteResult committed = WriteResult.EMPTY;

  private ParallelTableWriter(TableSpec spec, int batchRows, int connections, ProgressListener listener) {
    this.table = spec.name();
    this.batchRows = batchRows;
    this.listener = listener;
    this.latest = new WriteResult[connections];
  }

  /**
   * Opens {@code connections} APPEND writers on {@code dest} and their threads. The first writer
   * creates or evolves the table; the others find it ready.
   */
  public static TableWriter open(Destination dest, TableSpec spec, WriteMode mode, ProgressListener listener,
      int connections) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(listener, "listener");
    if (connections < 1 || connections > dest.config().maxPoolSize()) {
      throw new IllegalArgumentException("connections must be in 1..maxPoolSize (" + dest.config().maxPoolSize()
          + "): " + connections);
    }
    if (connections == 1) {
      return dest.writer(spec, mode, listener);
    }
    if (mode != WriteMode.APPEND) {
      throw new IllegalArgumentException("a writer on several connections needs APPEND, since batches land in no"
          + " particular order: " + mode);
    }
    ParallelTableWriter p = new ParallelTableWriter(spec, dest.config().batchRows(), connections, listener);
    try {
      for (int i = 0; i < connections; i++) {
        int index = i;
        TableWriter w = dest.writer(spec, mode, soFar -> p.progress(index, soFar));
        p.workers.add(new Worker(w, "pgdest-" + spec.name() + "-" + i));
      }
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    p.workers.forEach(w -> w.thread.start());
    return p;
  }

  @Override
  public void write(Object... values) {
    add(values.clone());
  }

  @Override
  public void write(Map<String, ?> row) {
    add(new Object[] {new HashMap<>(row)});
  }

  private void add(Object[] row) {
    requireUsable();
    chunk[inChunk++] = row;
    inBatch++;
    if (inChunk == CHUNK || inBatch == batchRows) {
      hand(chunk.length == inChunk ? chunk : java.util.Arrays.copyOf(chunk, inChunk));
      chunk = new Object[CHUNK][];
      inChunk = 0;
    }
    if (inBatch == batchRows) {
      inBatch = 0;
      current = (current + 1) % workers.size();
    }
  }

  private void hand(Object[][] rows) {
    Worker w = workers.get(current);
    try {
      while (!w.queue.offer(rows, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        rethrowFailure();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      spent = true;
      throw new IllegalStateException("interrupted while handing rows to a writer of table \"" + table + "\"", e);
    }
    rethrowFailure();
  }

  @Override
  public WriteResult commit() {
    requireUsable();
    if (inChunk > 0) {
      hand(java.util.Arrays.copyOf(chunk, inChunk));
      inChunk = 0;
    }
    for (int i = 0; i < workers.size(); i++) {
      current = i;
      hand(COMMIT);
    }
    WriteResult[] results = new WriteResult[workers.size()];
    for (int i = 0; i < results.length; i++) {
      results[i] = workers.get(i).awaitCommit();
    }
    rethrowFailure();
    current = 0;
    inBatch = 0;
    committed = sum(List.of(results));
    return committed;
  }

  /** The totals of every batch committed so far, as the workers last reported them. */
  @Override
  public synchronized WriteResult result() {
    List<WriteResult> all = new ArrayList<>();
    for (WriteResult r : latest) {
      if (r != null) {
        all.add(r);
      }
    }
    WriteResult soFar = sum(all);
    return soFar.rowsStaged() >= committed.rowsStaged() ? soFar : committed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    spent = true;
    for (Worker w : workers) {
      w.stop();
    }
  }

  private void requireUsable() {
    if (closed) {
      throw new IllegalStateException("writer of table \"" + table + "\" is closed");
    }
    if (spent) {
      throw new IllegalStateException("writer of table \"" + table + "\" failed earlier and is spent");
    }
  }

  private void rethrowFailure() {
    for (Worker w : workers) {
      RuntimeException f = w.failure;
      if (f != null) {
        spent = true;
        throw f;
      }
    }
  }

  private synchronized void progress(int index, WriteResult soFar) {
    latest[index] = soFar;
    List<WriteResult> all = new ArrayList<>();
    for (WriteResult r : latest) {
      if (r != null) {
        all.add(r);
      }
    }
    listener.batchCommitted(sum(all));
  }

  /** The totals of several writers: counts and bytes add up, times are the longest (they ran at once). */
  static WriteResult sum(List<WriteResult> results) {
    WriteResult.Builder b = WriteResult.builder();
    long staged = 0;
    long inserted = 0;
    long sanitized = 0;
    long bytes = 0;
    long batches = 0;
    long retries = 0;
    java.time.Duration schema = java.time.Duration.ZERO;
    java.time.Duration copy = java.time.Duration.ZERO;
    java.time.Duration commit = java.time.Duration.ZERO;
    for (WriteResult r : results) {
      staged += r.rowsStaged();
      inserted += r.rowsInserted();
      sanitized += r.valuesSanitized();
      bytes += r.bytesSent();
      batches += r.batches();
      retries += r.retries();
      schema = max(schema, r.schemaTime());
      copy = max(copy, r.copyTime());
      commit = max(commit, r.commitTime());
    }
    return b.rowsStaged(staged).rowsInserted(inserted).valuesSanitized(sanitized).bytesSent(bytes).batches(batches)
        .retries(retries).schemaTime(schema).copyTime(copy).commitTime(commit).build();
  }

  private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** One connection's writer and the thread that feeds it. */
  private static final class Worker implements Runnable {
    final TableWriter writer;
    final Thread thread;
    final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(QUEUED);
    final BlockingQueue<WriteResult> results = new ArrayBlockingQueue<>(1);
    volatile RuntimeException failure;

    Worker(TableWriter writer, String name) {
      this.writer = writer;
      this.thread = new Thread(this, name);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      try {
        while (true) {
          Object[][] rows = queue.take();
          if (rows == CLOSE) {
            return;
          }
          if (failure != null) {
            continue; // drain until closed; the caller sees the failure
          }
          try {
            if (rows == COMMIT) {
              results.put(writer.commit());
              continue;
            }
            for (Object[] r : rows) {
              if (r.length == 1 && r[0] instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> row = (Map<String, ?>) m;
                writer.write(row);
              } else {
                writer.write(r);
              }
            }
          } catch (RuntimeException e) {
            failure = e;
            results.offer(WriteResult.EMPTY);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        writer.close();
      }
    }

    WriteResult awaitCommit() {
      try {
        while (true) {
          WriteResult r = results.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
          if (r != null) {
            return r;
          }
          if (failure != null || !thread.isAlive()) {
            return WriteResult.EMPTY;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while committing", e);
      }
    }

    void stop() {
      if (!thread.isAlive()) {
        writer.close();
        return;
      }
      queue.clear();
      try {
        queue.put(CLOSE);
        thread.join();
      } catch (InterruptedException e) {
        thread.interrupt();
        Thread.currentThread().interrupt();
      }
    }
  }
}
