package dev.pgdest.cli.internal.load;

import java.time.Duration;

/** Durations as people read them: {@code 520 ms}, {@code 4.2 s}, {@code 3 min 05 s}, {@code 1 h 02 min}. */
public final class Durations {
  private Durations() {}

  /** {@code d} in the largest sensible unit. */
  public static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format("%.1f s", ms / 1000.0);
    }
    long s = d.toSeconds();
    if (s < 3600) {
      return String.format("%d min %02d s", s / 60, s % 60);
    }
    return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  /** Bytes as {@code 512 B}, {@code 1.5 KB}, {@code 12.3 MB}, {@code 1.2 GB} (powers of 1000). */
  public static String bytes(long n) {
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }
}
