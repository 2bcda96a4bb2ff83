package dev.pgdest.cli.internal.load;

import dev.pgdest.ConnectionException;
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
 * record into one {@link TableWriter}: a {@link Reading} thread parses and converts while this
 * thread writes. Memory stays bounded: a few chunks of rows, the sample of standard input, and
 * about 40 bytes per distinct key when keys are counted.
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
    // Connecting (TLS, SCRAM, the pool) and creating the schema overlap with the sample; a failure
    // here shows again, explained, when the writer opens.
    Thread connect = new Thread(() -> {
      try {
        dest.ensureSchema();
      } catch (RuntimeException e) {
        // The writer below meets the same problem and reports it.
      }
    }, "pgdest-connect");
    connect.setDaemon(true);
    connect.start();
    try {
      sampler.sample(inputs, format, delimiter, load.sampleRows(), load.nullMarkers());
    } catch (IOException e) {
      throw new LoadException(describe(e), 0, e);
    } catch (UncheckedIOException e) {
      throw new LoadException(describe(e.getCause()), 0, e);
    }
    join(connect);
    Schema schema = Schema.of(load, sampler);
    long totalBytes = 0;
    for (Input in : inputs) {
      long size = size(in);
      totalBytes = totalBytes < 0 || size < 0 ? -1 : totalBytes + size;
    }
    Rejects rejects = load.rejectsFile().map(Rejects::new).orElse(null);
    KeyCounter keys = schema.countsKeys() ? new KeyCounter() : null;
    progress.started(totalBytes, () -> inputs.stream().mapToLong(Input::bytesRead).sum(), rowsRead::get);
    Reading reading = new Reading(load, inputs, format, delimiter, sampler, schema, keys, rejects, rowsRead);
    WriteResult result;
    Thread reader = new Thread(reading, "pgdest-read");
    reader.setDaemon(true);
    try (TableWriter w = dest.writer(schema.spec(), load.mode(), progress::batchCommitted)) {
      reader.start();
      result = write(w, reading, Math.min(dest.config().batchRows(), 1 << 20));
    } catch (ConnectionException e) {
      throw new LoadException(e.getMessage() + "; pgdest check with the same options says what is wrong", 0, e);
    } catch (PgdestException e) {
      throw new LoadException(e.getMessage(), 0, e);
    } finally {
      reading.cancel();
      join(reader);
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

  /** Writes the reading thread's chunks until its end, keeping each row's line for the writer's errors. */
  private WriteResult write(TableWriter w, Reading reading, int ring) {
    long[] lines = new long[ring];
    long written = 0;
    while (true) {
      Reading.Chunk c;
      try {
        c = reading.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoadException("interrupted" + committedNote(w), w.result().rowsStaged(), e);
      }
      if (c == Reading.Chunk.END) {
        return w.commit();
      }
      if (c.failure() != null) {
        throw readingFailed(c.failure(), w);
      }
      for (int i = 0; i < c.size(); i++) {
        lines[(int) (written % ring)] = c.wheres()[i];
        written++;
        try {
          w.write(c.rows()[i]);
        } catch (DataException e) {
          long at = e.row().orElse(-1);
          String prefix = at > 0 && written - at < ring ? where(lines[(int) ((at - 1) % ring)]) + ": " : "";
          throw new LoadException(prefix + e.getMessage() + committedNote(w), w.result().rowsStaged(), e);
        } catch (PgdestException e) {
          throw new LoadException(e.getMessage() + committedNote(w), w.result().rowsStaged(), e);
        }
      }
    }
  }

  private LoadException readingFailed(Throwable t, TableWriter w) {
    if (t instanceof InputException e) {
      return new LoadException(e.getMessage() + "; pass --reject skip to set such rows aside in a rejects file"
          + committedNote(w), w.result().rowsStaged(), e);
    }
    if (t instanceof IOException e) {
      return new LoadException(describe(e) + committedNote(w), w.result().rowsStaged(), t);
    }
    if (t instanceof UncheckedIOException e) {
      return new LoadException(describe(e.getCause()) + committedNote(w), w.result().rowsStaged(), t);
    }
    if (t instanceof LoadException) {
      return new LoadException(t.getMessage() + committedNote(w), w.result().rowsStaged(), t);
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }

  private String committedNote(TableWriter w) {
    long n = w.result().rowsStaged();
    return n == 0 || load.mode() == WriteMode.REPLACE ? ". Nothing was loaded."
        : String.format(". The %,d rows of earlier batches were committed; the failing batch was not.", n);
  }

  /** An I/O failure in words: the file names itself in the JDK's messages only as a bare path. */
  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "cannot read " + e.getMessage() + ": no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "cannot read " + e.getMessage() + ": permission denied";
    }
    if (e instanceof java.util.zip.ZipException) {
      return "a gzip'd input is damaged: " + e.getMessage();
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  static long pack(int inputIndex, long line) {
    return ((long) inputIndex << LINE_BITS) | line;
  }

  private static void join(Thread t) {
    try {
      // The reader stops at its next chunk; only a read blocked on standard input could keep it
      // longer, and the connect thread gives up at the configured connect timeout.
      t.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
