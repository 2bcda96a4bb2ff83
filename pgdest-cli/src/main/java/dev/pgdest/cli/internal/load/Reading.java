package dev.pgdest.cli.internal.load;

import dev.pgdest.WriteMode;
import dev.pgdest.cli.FileLoad;
import dev.pgdest.cli.internal.input.Format;
import dev.pgdest.cli.internal.input.Input;
import dev.pgdest.cli.internal.input.InputException;
import dev.pgdest.cli.internal.input.Readers;
import dev.pgdest.cli.internal.input.Record;
import dev.pgdest.cli.internal.input.RecordReader;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reading side of a load, on a thread of its own so that parsing and converting overlap with
 * the writer's encoding and sending: reads every input in order, turns records into rows, counts
 * keys, sets rejects aside, and hands rows on in chunks through a queue of a few chunks (memory
 * stays bounded). The writing thread takes chunks until {@link Chunk#END} or a failure.
 */
final class Reading implements Runnable {
  static final int CHUNK_ROWS = 1024;

  /** Rows, where each came from ({@link Loader#pack}), or the end, or what stopped the reading. */
  record Chunk(Object[][] rows, long[] wheres, int size, Throwable failure) {
    static final Chunk END = new Chunk(null, null, 0, null);
  }

  private final FileLoad load;
  private final List<Input> inputs;
  private final Format format;
  private final Character delimiter;
  private final Sampler sampler;
  private final RowMaker rows;
  private final KeyCounter keys;
  private final Rejects rejects;
  private final AtomicLong rowsRead;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(8);
  private volatile boolean cancelled;
  private Object[][] pending = new Object[CHUNK_ROWS][];
  private long[] pendingWheres = new long[CHUNK_ROWS];
  private int size;

  Reading(FileLoad load, List<Input> inputs, Format format, Character delimiter, Sampler sampler, Schema schema,
      KeyCounter keys, Rejects rejects, AtomicLong rowsRead) {
    this.load = load;
    this.inputs = inputs;
    this.format = format;
    this.delimiter = delimiter;
    this.sampler = sampler;
    this.rows = new RowMaker(schema, load);
    this.keys = keys;
    this.rejects = rejects;
    this.rowsRead = rowsRead;
  }

  /** The next chunk; blocks until the reading thread has one. */
  Chunk take() throws InterruptedException {
    return queue.take();
  }

  /** Stops the reading thread at its next chunk; the writer failed. */
  void cancel() {
    cancelled = true;
    queue.clear();
  }

  @Override
  public void run() {
    try {
      for (int i = 0; i < inputs.size(); i++) {
        Input in = inputs.get(i);
        if (in.isStdin()) {
          drain(i, sampler.heldReader, sampler.held);
        } else {
          try (RecordReader reader = Readers.open(in, format, delimiter).reader()) {
            drain(i, reader, List.of());
          }
        }
      }
      flush();
      put(Chunk.END);
    } catch (Throwable e) {
      put(new Chunk(null, null, 0, e));
    }
  }

  private void drain(int inputIndex, RecordReader reader, List<Object> first) throws IOException {
    RowMaker.Mapping mapping = rows.mapping(inputs.get(inputIndex).name());
    for (Object o : first) {
      if (o instanceof InputException e) {
        count();
        reject(e, reader);
      } else {
        take(inputIndex, mapping, reader, (Record) o);
      }
    }
    while (!cancelled) {
      Record r;
      try {
        r = reader.next();
      } catch (InputException e) {
        count();
        reject(e, reader);
        continue;
      }
      if (r == null) {
        return;
      }
      take(inputIndex, mapping, reader, r);
    }
  }

  private void take(int inputIndex, RowMaker.Mapping mapping, RecordReader reader, Record r) {
    count();
    Object[] row;
    try {
      row = rows.make(mapping, reader.columns(), r);
    } catch (InputException e) {
      reject(e, reader);
      return;
    }
    long where = Loader.pack(inputIndex, r.line());
    if (keys != null) {
      keys.add(KeyCounter.hash(row, rows.keyIndexes()), where);
    }
    pending[size] = load.mode() == WriteMode.DELETE ? rows.keyValues(row) : row;
    pendingWheres[size++] = where;
    if (size == CHUNK_ROWS) {
      flush();
    }
  }

  private void count() {
    rowsRead.setRelease(rowsRead.getPlain() + 1);
  }

  private void reject(InputException e, RecordReader reader) {
    if (rejects == null) {
      throw e;
    }
    rejects.add(e.input(), e.line(), e.reason(), e.record() != null ? reader.rawText(e.record()) : null);
  }

  private void flush() {
    if (size > 0) {
      put(new Chunk(pending, pendingWheres, size, null));
      pending = new Object[CHUNK_ROWS][];
      pendingWheres = new long[CHUNK_ROWS];
      size = 0;
    }
  }

  private void put(Chunk chunk) {
    try {
      while (!cancelled && !queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
        // The writer is busy committing a batch; wait, but notice a cancel.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled = true;
    }
  }
}
