package dev.pgdest.cli.internal.command;

import dev.pgdest.WriteResult;
import dev.pgdest.cli.internal.load.Durations;
import dev.pgdest.cli.internal.load.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a load's progress on standard error: on a terminal a bar redrawn four times a second
 * (rows, MB/s, percentage and ETA when the size is known); elsewhere one log line per committed
 * batch. The bar's thread only reads counters the loading thread publishes.
 */
final class ProgressPrinter implements Progress {
  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final boolean bar;
  private ScheduledExecutorService timer;
  private long start;
  private long totalBytes;
  private LongSupplier bytes;
  private LongSupplier rows;
  private int lastLength;

  ProgressPrinter(PrintWriter err, boolean bar) {
    this.err = err;
    this.bar = bar;
  }

  @Override
  public void started(long totalBytes, LongSupplier bytesRead, LongSupplier rowsRead) {
    this.start = System.nanoTime();
    this.totalBytes = totalBytes;
    this.bytes = bytesRead;
    this.rows = rowsRead;
    if (bar) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pgdest-progress");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleAtFixedRate(this::draw, 250, 250, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void batchCommitted(WriteResult soFar) {
    if (!bar) {
      long b = bytes.getAsLong();
      double s = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
      String of = totalBytes > 0 ? String.format(" of %s (%d%%)", Durations.bytes(totalBytes), b * 100 / totalBytes) : "";
      err.printf("%s pgdest load: %,d rows committed, %s read%s, %s/s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
          soFar.rowsStaged(), Durations.bytes(b), of, Durations.bytes((long) (b / s)));
      err.flush();
    }
  }

  @Override
  public void finished() {
    if (timer != null) {
      timer.shutdownNow();
      draw();
      err.println();
      err.flush();
    }
  }

  private synchronized void draw() {
    long b = bytes.getAsLong();
    double s = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    double rate = b / s;
    StringBuilder line = new StringBuilder("\r");
    if (totalBytes > 0) {
      double done = Math.min(1.0, (double) b / totalBytes);
      int filled = (int) (done * WIDTH);
      line.append(String.format("%3d%% [", (int) (done * 100))).append("=".repeat(filled))
          .append(" ".repeat(WIDTH - filled)).append("] ");
    }
    line.append(String.format("%,d rows  %s/s", rows.getAsLong(), Durations.bytes((long) rate)));
    if (totalBytes > 0 && rate > 0 && b < totalBytes) {
      line.append("  ETA ").append(Durations.human(Duration.ofSeconds((long) ((totalBytes - b) / rate))));
    }
    // Blank out what a longer previous line (one with an ETA) left behind.
    int length = line.length();
    line.append(" ".repeat(Math.max(0, lastLength - length)));
    lastLength = length;
    err.print(line);
    err.flush();
  }
}
