package dev.pgdest.it.foundation;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Item;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import java.util.List;
import java.util.stream.Collectors;

/** Runs a check and summarizes its report for the foundation tests' assertions. */
final class Reports {

  private Reports() {}

  static CheckReport check(DestinationConfig config) {
    try (Destination destination = Destination.open(config)) {
      return destination.check();
    }
  }

  /**
   * "id=STATUS" per item, in order: a readable thing to compare and to print on failure. Leaves
   * out "credentials": the seed-style random passwords sometimes start or end with their space,
   * which that item rightly warns about.
   */
  static List<String> statuses(CheckReport report) {
    return report.items().stream().filter(i -> !i.id().equals("credentials"))
        .map(i -> i.id() + "=" + i.status()).collect(Collectors.toList());
  }

  static Item item(CheckReport report, String id) {
    return report.item(id).orElseThrow(() -> new AssertionError("no item " + id + " in\n" + report.render()));
  }
}
