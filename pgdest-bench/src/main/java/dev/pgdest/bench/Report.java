package dev.pgdest.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The measurements of a run and their summary: per case the median and the per-round range of
 * wall time, server CPU, WAL, table size and client cost; per pair of cases the ratio of medians
 * and the range of the per-round ratios (cases compared run in the same rounds, side by side).
 * Not thread-safe.
 */
final class Report {
  /**
   * One timed load.
   *
   * @param round the round it ran in, for per-round ratios
   * @param seconds wall time
   * @param serverCpu CPU seconds of the whole server
   * @param walBytes WAL the server wrote
   * @param tableBytes the target's total size (heap, indexes, TOAST) after the load
   * @param threadNsPerRow CPU of the loading thread per row
   * @param processNsPerRow CPU of the whole benchmark JVM per row (all threads, GC and JIT included)
   * @param bytesPerRow heap allocated per row by all live threads
   * @param load the one-minute load average when the load started
   */
  record Sample(int round, double seconds, double serverCpu, double walBytes, double tableBytes,
      double threadNsPerRow, double processNsPerRow, double bytesPerRow, double load) {}

  private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
  private final List<String> ratios = new ArrayList<>();

  void add(String name, Sample s) {
    samples.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
  }

  boolean has(String name) {
    return samples.containsKey(name);
  }

  Iterable<String> names() {
    return List.copyOf(samples.keySet());
  }

  static double median(List<Sample> list, ToDoubleFunction<Sample> f) {
    double[] v = list.stream().mapToDouble(f).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  void print(String header, int rows) {
    System.out.printf("%n%s%n", header);
    double lo = samples.values().stream().flatMap(List::stream).mapToDouble(Sample::load).min().orElse(Double.NaN);
    double hi = samples.values().stream().flatMap(List::stream).mapToDouble(Sample::load).max().orElse(Double.NaN);
    System.out.printf("Load average (1 min) at the start of the loads: %.2f..%.2f on %d cores%n", lo, hi,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("%-64s %9s %7s %13s %7s %8s %8s %7s %7s %7s%n", "loader", "rows/s", "seconds", "min..max",
        "srv CPU", "WAL MiB", "table MB", "thr ns", "jvm ns", "B/row");
    for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
      List<Sample> l = e.getValue();
      double s = median(l, Sample::seconds);
      System.out.printf("%-64s %,9.0f %7.2f %6.2f..%-6.2f %7.2f %8.1f %8.1f %7.0f %7.0f %7.0f%n", e.getKey(), rows / s, s,
          min(l, Sample::seconds), max(l, Sample::seconds), median(l, Sample::serverCpu),
          median(l, Sample::walBytes) / (1 << 20), median(l, Sample::tableBytes) / 1e6,
          median(l, Sample::threadNsPerRow), median(l, Sample::processNsPerRow), median(l, Sample::bytesPerRow));
    }
    System.out.printf("%nRatios of medians (below 1 = first faster), [per-round range], server CPU and WAL ratios:%n");
    for (String r : ratios) {
      System.out.println(r);
    }
  }

  /**
   * Records the ratio of {@code x} over {@code y}, if both ran: wall time median and per-round
   * range, server CPU and WAL. {@code target} is appended as given (e.g. "target <= 1.25").
   */
  void ratio(String x, String y, String target) {
    List<Sample> a = samples.get(x);
    List<Sample> b = samples.get(y);
    if (a == null || b == null) {
      return;
    }
    double r = median(a, Sample::seconds) / median(b, Sample::seconds);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Sample sa : a) {
      for (Sample sb : b) {
        if (sa.round() == sb.round()) {
          lo = Math.min(lo, sa.seconds() / sb.seconds());
          hi = Math.max(hi, sa.seconds() / sb.seconds());
        }
      }
    }
    String range = lo <= hi ? String.format("[%.2f..%.2f]", lo, hi) : "[-]";
    double cpu = median(a, Sample::serverCpu) / median(b, Sample::serverCpu);
    double wal = median(a, Sample::walBytes) / median(b, Sample::walBytes);
    String met = "";
    if (target.startsWith("<= ")) {
      double goal = Double.parseDouble(target.substring(3).trim());
      met = r <= goal ? (hi <= goal ? "  met in every round" : "  met by the median") : "  NOT met";
    }
    ratios.add(String.format("%-58s / %-58s = %.2fx %-13s CPU %.2fx WAL %.2fx%s%s", x, y, r, range, cpu, wal,
        target.isEmpty() ? "" : "  target " + target, met));
  }

  private static double min(List<Sample> l, ToDoubleFunction<Sample> f) {
    return l.stream().mapToDouble(f).min().orElse(Double.NaN);
  }

  private static double max(List<Sample> l, ToDoubleFunction<Sample> f) {
    return l.stream().mapToDouble(f).max().orElse(Double.NaN);
  }
}
