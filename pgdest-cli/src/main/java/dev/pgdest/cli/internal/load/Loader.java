package dev.pgdest.cli.internal.load;

import dev.pgdest.DataException;
import dev.pgdest.Destination;
import dev.pgdest.PgdestException;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.cli.FileLoad;
import dev.pgdest.cli.LoadException;
import dev.pgdest.cli.LoadSummary;
import dev.pgdest.cli.internal.input.Format;
import dev.pgdest.cli.internal.input.Input;
import dev.pgdest.cli.internal.input.InputException;
import dev.pgdest.cli.internal.input.Readers;
import dev.pgdest.cli.internal.input.Record;
import dev.pgdest.cli.internal.input.RecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link FileLoad}: samples the inputs, builds the {@link TableSpec}, then streams every
 * record through a {@link RowMaker} into one {@link TableWriter}. Memory stays bounded: one record
 * at a time, the sample of standard input, and 16 bytes per distinct key when keys are counted.
 * Not thread-safe; one run at a time.
 */
public final class Loader {
  private static final int LINE_BITS = 40;

  private final FileLoad load;
  private final InputStream stdin;
  private final Progress progress;
  private final AtomicLong rowsRead = new AtomicLong();
  private List<Input> inputs;

  /** A loader of {@code load} reading {@code stdin} for {@code -}, reporting to {@code progress}. */
  public Loader(FileLoad load, InputStream stdin, Progress progress) {
    this.load = load;
    this.stdin = stdin;
    this.progress = progress;
  }

  /**
   * Loads.
   *
   * @throws LoadException naming input, line and column of what stopped it
   */
  public LoadSummary run(Destination dest) {
    long start = System.nanoTime();
    inputs = load.files().stream().map(f -> Input.of(f, stdin)).toList();
    Format format = load.format().map(f -> parseFormat(f)).orElse(null);
    Character delimiter = load.delimiter().orElse(null);
    Sampler sampler = new Sampler();
    try {
      sampler.sample(inputs, format, delimiter, load.sampleRows(), load.nullMarkers());
    } catch (IOException | UncheckedIOException e) {
      throw new LoadException(e.getMessage(), 0, e);
    }
    Schema schema = Schema.of(load, sampler);
    long totalBytes = 0;
    for (Input in : inputs) {
      long size = size(in);
      totalBytes = totalBytes < 0 || size < 0 ? -1 : totalBytes + size;
    }
    Rejects rejects = load.rejectsFile().map(Rejects::new).orElse(null);
    KeyCounter keys = schema.countsKeys() ? new KeyCounter() : null;
    progress.started(totalBytes, () -> inputs.stream().mapToLong(Input::bytesRead).sum(), rowsRead::get);
    WriteResult result;
    try (TableWriter w = dest.writer(schema.spec(), load.mode(), progress::batchCommitted)) {
      Sink sink = new Sink(w, schema, keys, rejects, Math.min(dest.config().batchRows(), 1 << 20));
      for (int i = 0; i < inputs.size(); i++) {
        Input in = inputs.get(i);
        if (in.isStdin()) {
          sink.drain(i, sampler.heldReader, sampler.held);
        } else {
          try (RecordReader reader = Readers.open(in, format, delimiter).reader()) {
            sink.drain(i, reader, List.of());
          }
        }
      }
      result = w.commit();
    } catch (IOException | UncheckedIOException e) {
      throw new LoadException(e.getMessage(), 0, e);
    } catch (PgdestException e) {
      throw new LoadException(e.getMessage(), 0, e);
    } finally {
      progress.finished();
      closeQuietly(sampler.heldReader);
      closeQuietly(rejects);
    }
    List<String> examples = new ArrayList<>();
    if (keys != null) {
      keys.mostRepeated(5).forEach(e -> examples.add(where(e[0]) + " (" + e[1] + " times)"));
    }
    return new LoadSummary(load.table(), load.mode(), load.keys(), schema.spec().columns(), schema.notes(),
        rowsRead.get(), rejects == null ? 0 : rejects.count(),
        rejects == null || rejects.count() == 0 ? Optional.empty() : Optional.of(rejects.path()),
        keys == null ? 0 : keys.distinct(), keys == null ? 0 : keys.collapsed(), examples,
        inputs.stream().mapToLong(Input::bytesRead).sum(), result, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Feeds records to the writer, rejecting or failing on bad ones. */
  private final class Sink {
    private final TableWriter writer;
    private final RowMaker rows;
    private final KeyCounter keys;
    private final Rejects rejects;
    private final long[] lines;
    private long written;

    Sink(TableWriter writer, Schema schema, KeyCounter keys, Rejects rejects, int ring) {
      this.writer = writer;
      this.rows = new RowMaker(schema, load);
      this.keys = keys;
      this.rejects = rejects;
      this.lines = new long[ring];
    }

    void drain(int inputIndex, RecordReader reader, List<Object> first) throws IOException {
      String name = inputs.get(inputIndex).name();
      RowMaker.Mapping mapping = rows.mapping(name);
      for (Object o : first) {
        if (o instanceof InputException e) {
          rowsRead.setRelease(rowsRead.getPlain() + 1);
          reject(e, reader, null);
        } else {
          take(inputIndex, mapping, reader, (Record) o);
        }
      }
      while (true) {
        Record r;
        try {
          r = reader.next();
        } catch (InputException e) {
          rowsRead.setRelease(rowsRead.getPlain() + 1);
          reject(e, reader, Readers.failedLine(reader));
          continue;
        }
        if (r == null) {
          return;
        }
        take(inputIndex, mapping, reader, r);
      }
    }

    private void take(int inputIndex, RowMaker.Mapping mapping, RecordReader reader, Record r) {
      rowsRead.setRelease(rowsRead.getPlain() + 1);
      Object[] row;
      try {
        row = rows.make(mapping, reader.columns(), r);
      } catch (InputException e) {
        reject(e, reader, reader.rawText(r));
        return;
      }
      long where = ((long) inputIndex << LINE_BITS) | r.line();
      if (keys != null) {
        keys.add(KeyCounter.hash(row, rows.keyIndexes()), where);
      }
      lines[(int) (written % lines.length)] = where;
      written++;
      try {
        writer.write(load.mode() == WriteMode.DELETE ? rows.keyValues(row) : row);
      } catch (DataException e) {
        long at = e.row().orElse(-1);
        String prefix = at > 0 && written - at < lines.length ? where(lines[(int) ((at - 1) % lines.length)]) + ": " : "";
        throw new LoadException(prefix + e.getMessage() + committedNote(), writer.result().rowsStaged(), e);
      } catch (PgdestException e) {
        throw new LoadException(e.getMessage() + committedNote(), writer.result().rowsStaged(), e);
      }
    }

    private String committedNote() {
      long n = writer.result().rowsStaged();
      return n == 0 || load.mode() == WriteMode.REPLACE ? ". Nothing was loaded."
          : String.format(". The %,d rows of earlier batches were committed; the failing batch was not.", n);
    }

    private void reject(InputException e, RecordReader reader, String raw) {
      if (rejects == null) {
        throw new LoadException(e.getMessage() + "; pass --reject skip to set such rows aside in a rejects file"
            + committedNote(), writer.result().rowsStaged(), e);
      }
      String text = raw != null ? raw : e.record() != null ? reader.rawText(e.record()) : null;
      rejects.add(e.input(), e.line(), e.reason(), text);
    }
  }

  private String where(long packed) {
    long line = packed & ((1L << LINE_BITS) - 1);
    return inputs.size() > 1 ? inputs.get((int) (packed >>> LINE_BITS)).name() + " line " + line : "line " + line;
  }

  private static Format parseFormat(String f) {
    try {
      return Format.valueOf(f.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new LoadException("unknown format \"" + f + "\": use csv, tsv or jsonl", 0, e);
    }
  }

  private static long size(Input in) {
    try {
      return in.size();
    } catch (IOException e) {
      return -1;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // The load's outcome is already decided; a failed close of an input changes nothing.
      }
    }
  }
}
