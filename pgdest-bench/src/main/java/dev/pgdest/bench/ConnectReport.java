package dev.pgdest.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Connect benchmark's summary: medians with their ranges, and the ratios its goals name. */
final class ConnectReport {
  /** The suffix of a sink's CPU figures among its first-rows figures. */
  static final String CPU = " (cpu)";

  private ConnectReport() {}

  static void print(int rows, int partitions, Map<String, List<Double>> results, Map<String, List<Double>> firstRows) {
    System.out.printf("%n%,d rows, 9 columns, JSON with schemas, %d partitions, 4 tasks; medians (range)%n", rows,
        partitions);
    Map<String, Double> medians = new LinkedHashMap<>();
    results.forEach((name, s) -> medians.put(name, median(s)));
    results.forEach((name, s) -> {
      List<Double> first = firstRows.get(name);
      List<Double> cpu = firstRows.get(name + CPU);
      System.out.printf("  %-36s %6.2f s (%.2f..%.2f) %9.0f rows/s%s%n", name, median(s), min(s), max(s), rows / median(s),
          first == null ? "" : String.format("   first rows after %.1f s, worker+broker CPU %.1f s", median(first),
              median(cpu)));
    });
    Double ours = medians.get(ConnectSinkBenchmark.PGDEST_OURS);
    Double pgdest = medians.get(ConnectSinkBenchmark.PGDEST);
    Double dbz = medians.get(ConnectSinkBenchmark.DEBEZIUM);
    Double dbzOurs = medians.get(ConnectSinkBenchmark.DEBEZIUM_OURS);
    Double direct = medians.get(ConnectSinkBenchmark.DIRECT);
    ratio("(a) pgdest + its converter vs Debezium + JsonConverter", dbz, ours, "x the throughput (goal >= 5x)");
    ratio("(b) same converter, JsonConverter: pgdest vs Debezium", dbz, pgdest, "x the throughput");
    ratio("(b) same converter, pgdest's: pgdest vs Debezium", dbzOurs, ours, "x the throughput");
    ratio("(c) pgdest + its converter vs direct load", ours, direct, "x the time (goal <= 1.5x)");
    ratio("    pgdest + JsonConverter vs direct load", pgdest, direct, "x the time");
    Double json = medians.get(ConnectSinkBenchmark.JSON_ALONE);
    Double converter = medians.get(ConnectSinkBenchmark.OURS_ALONE);
    if (json != null && converter != null) {
      System.out.printf("  converters alone: JsonConverter %.2f us/record, pgdest's %.2f us/record (%.1fx faster)%n",
          json * 1e6 / rows, converter * 1e6 / rows, json / converter);
    }
  }

  private static void ratio(String what, Double numerator, Double denominator, String unit) {
    if (numerator != null && denominator != null) {
      System.out.printf("  %s: %.2f%s%n", what, numerator / denominator, unit);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
