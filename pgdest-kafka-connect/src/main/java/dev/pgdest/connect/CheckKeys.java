package dev.pgdest.connect;

import dev.pgdest.CheckReport;
import java.util.List;
import java.util.Map;

/**
 * Which configuration keys a failed item of pgdest's check belongs to, so that Connect's
 * validation (and a UI built on it) shows the problem next to the field to change.
 */
final class CheckKeys {
  private CheckKeys() {}

  private static final Map<String, List<String>> BY_ITEM = Map.ofEntries(
      Map.entry("tunnel", List.of(PgdestSinkConfig.SSH_HOST)),
      Map.entry("reachable", List.of(PgdestSinkConfig.HOST, PgdestSinkConfig.PORT)),
      Map.entry("credentials", List.of(PgdestSinkConfig.PASSWORD)),
      Map.entry("authenticates", List.of(PgdestSinkConfig.USER, PgdestSinkConfig.PASSWORD)),
      Map.entry("database", List.of(PgdestSinkConfig.DATABASE)),
      Map.entry("version", List.of(PgdestSinkConfig.HOST)),
      Map.entry("create", List.of(PgdestSinkConfig.USER)),
      Map.entry("temporary", List.of(PgdestSinkConfig.USER)),
      Map.entry("schema", List.of(PgdestSinkConfig.SCHEMA)),
      Map.entry("round_trip", List.of(PgdestSinkConfig.HOST)),
      Map.entry("pooler", List.of(PgdestSinkConfig.HOST)));

  /** The keys of an item; the host for an item this table does not know. */
  static List<String> of(CheckReport.Item item) {
    return BY_ITEM.getOrDefault(item.id(), List.of(PgdestSinkConfig.HOST));
  }

  /** The message Connect shows: the item's title, explanation and, when there is one, the fix. */
  static String message(CheckReport.Item item) {
    return item.title() + ": " + item.explanation() + item.fixSql().map(sql -> " Run: " + sql).orElse("");
  }
}
