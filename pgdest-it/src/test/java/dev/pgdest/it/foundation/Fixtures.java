package dev.pgdest.it.foundation;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Item;
import dev.pgdest.CheckReport.Status;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.WriterUser;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Shared helpers of the foundation tests: fresh databases, configurations and report summaries. */
final class Fixtures {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private Fixtures() {}

  /** A fresh, unique database on the server. */
  static String newDatabase(PostgresServer server) throws SQLException {
    String name = "analytics_" + NAMES.incrementAndGet();
    server.createDatabase(name);
    return name;
  }

  /** A unique schema name, so tests never see each other's schemas. */
  static String newSchemaName() {
    return "acme_sync_" + NAMES.incrementAndGet();
  }

  /**
   * The writer's configuration for the embedded server. TLS is off because the embedded server
   * listens on loopback only and offers no certificate.
   */
  static DestinationConfig config(PostgresServer server, String database, String schema, WriterUser writer) {
    return base(database, schema, writer)
        .host(server.host()).port(server.port()).password(writer.password()).sslMode(SslMode.DISABLE)
        .build();
  }

  /**
   * Database, schema, username and a short connect timeout; the rest is up to the test (the
   * builder is strict: each field may be set once).
   */
  static DestinationConfig.Builder base(String database, String schema, WriterUser writer) {
    DestinationConfig.Builder builder = DestinationConfig.builder();
    builder.database(database).schema(schema).username(writer.name()).connectTimeout(Duration.ofSeconds(5));
    return builder;
  }

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

  static Status status(CheckReport report, String id) {
    return item(report, id).status();
  }

  static void admin(PostgresServer server, String database, String sql) throws SQLException {
    try (Connection c = server.adminConnection(database); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String queryString(PostgresServer server, String database, String sql) throws SQLException {
    try (Connection c = server.adminConnection(database); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
