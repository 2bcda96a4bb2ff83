package dev.pgdest.it.reliability;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.SslMode;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The table the reliability tests write, and ways to read it back. */
final class Tables {

  private Tables() {}

  /** {@code id bigint} primary key and a text {@code v}. */
  static TableSpec keyed(String name) {
    return TableSpec.builder(name).column("id", PgType.BIGINT).column("v", PgType.TEXT).primaryKey("id").build();
  }

  /** {@code id bigint} and a text {@code v}, without a key: nothing stops a row landing twice. */
  static TableSpec unkeyed(String name) {
    return TableSpec.builder(name).column("id", PgType.BIGINT).column("v", PgType.TEXT).build();
  }

  /** Creates {@code table} as the seed writer, holding one row: id 1000. */
  static void seedOne(TestDestination target, String table) {
    try (Destination dest = target.openDestination(target.writerConfigBuilder().build());
         TableWriter w = dest.writer(keyed(table), WriteMode.APPEND)) {
      w.write(1000L, "seed");
      w.commit();
    }
  }

  /** The table's rows, id to v. */
  static Map<Long, String> contents(TestDestination target, String table) {
    Map<Long, String> out = new TreeMap<>();
    for (Map<String, Object> row : target.query("SELECT id, v FROM " + target.qualified(table))) {
      out.put(((Number) row.get("id")).longValue(), (String) row.get("v"));
    }
    return out;
  }

  /** {@code [count(*), count(DISTINCT id)]} of the table. */
  static List<Long> counts(TestDestination target, String table) {
    Map<String, Object> row = target.query("SELECT count(*) AS n, count(DISTINCT id) AS d FROM "
        + target.qualified(table)).get(0);
    return List.of(((Number) row.get("n")).longValue(), ((Number) row.get("d")).longValue());
  }

  /** The seed writer's configuration with the server reached at {@code host:port} (a relay or proxy). */
  static DestinationConfig.Builder writerVia(TestDestination target, String host, int port) {
    WriterUser w = target.seedWriter();
    return DestinationConfig.builder().host(host).port(port).database(target.database()).schema(target.schema())
        .username(w.name()).password(w.password()).sslMode(SslMode.DISABLE)
        .retryBackoff(Duration.ofMillis(10)).connectTimeout(Duration.ofSeconds(5));
  }
}
