package dev.pgdest.bench;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.testkit.Backend;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server a benchmark run loads into, its database and the restricted writer pgdest logs in
 * as: an embedded PostgreSQL 17 started for the run (durable by default: {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on), or an external server named the
 * way the testkit's external backend names one ({@code pgdest.test.url}, {@code pgdest.test.user},
 * {@code pgdest.test.password} or their {@code PGDEST_TEST_*} environment variables), whose
 * settings are left as they are. The writer has exactly the setup page's grants,
 * {@code CREATE, TEMPORARY} on the database. Not thread-safe.
 */
final class BenchServer implements AutoCloseable {
  static final String DATABASE = "pgdest_bench";
  /** The settings that decide whether a commit survives a crash. */
  private static final String[] DURABILITY = {"fsync", "synchronous_commit", "full_page_writes"};

  private final PostgresServer server;
  private final String kind;
  private final WriterUser writer;

  private BenchServer(PostgresServer server, String kind) throws SQLException {
    this.server = server;
    this.kind = kind;
    server.dropDatabase(DATABASE);
    server.createDatabase(DATABASE);
    this.writer = WriterUsers.createSeedWriter(server, DATABASE);
  }

  /**
   * Starts or connects to the server {@code bench.server} names: {@code embedded} (the default)
   * or {@code external}. {@code bench.durable=false} runs the embedded server with the testkit's
   * non-durable settings instead.
   */
  static BenchServer start() throws SQLException {
    String which = System.getProperty("bench.server", "embedded").trim();
    if (which.equals("external")) {
      return new BenchServer(Backend.EXTERNAL.start(0), "external");
    }
    if (!which.isEmpty() && !which.equals("embedded")) {
      throw new IllegalArgumentException("bench.server must be embedded or external: " + which);
    }
    String on = Boolean.parseBoolean(System.getProperty("bench.durable", "true")) ? "on" : "off";
    EmbeddedPostgresServer.Builder b = EmbeddedPostgresServer.builder().majorVersion(17)
        .setting("max_wal_size", "8GB").setting("min_wal_size", "8GB").setting("shared_buffers", "512MB")
        .setting("checkpoint_timeout", "30min").setting("autovacuum", "off");
    for (String s : DURABILITY) {
      b.setting(s, on);
    }
    return new BenchServer(b.start(), "embedded");
  }

  /** A superuser connection to the benchmark database (server-side files need one). */
  Connection admin() throws SQLException {
    return server.adminConnection(DATABASE);
  }

  /** The restricted writer's name, for the tables' owner. */
  String writerName() {
    return writer.name();
  }

  /** A destination logged in as the restricted writer, in schema {@code schema}. */
  Destination destination(String schema) {
    return Destination.open(config(schema));
  }

  DestinationConfig config(String schema) {
    return DestinationConfig.builder().host(server.host()).port(server.port()).database(DATABASE).schema(schema)
        .username(writer.name()).password(writer.password()).sslMode(SslMode.DISABLE).build();
  }

  String host() {
    return server.host();
  }

  int port() {
    return server.port();
  }

  String superuser() {
    return server.superuser();
  }

  String superuserPassword() {
    return server.superuserPassword();
  }

  String jdbcUrl() {
    return server.jdbcUrl(DATABASE);
  }

  /** The server's WAL insert position, in bytes since the start of the WAL. */
  long walPosition() throws SQLException {
    try (Connection c = admin(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** One line naming the server, its version and its durability settings, saying when it is not durable. */
  String describe() throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Connection c = admin(); Statement st = c.createStatement()) {
      for (String s : new String[] {"fsync", "synchronous_commit", "full_page_writes", "wal_level", "shared_buffers",
          "max_wal_size"}) {
        try (ResultSet rs = st.executeQuery("SHOW " + s)) {
          rs.next();
          settings.put(s, rs.getString(1));
        }
      }
    }
    boolean durable = true;
    for (String s : DURABILITY) {
      durable &= !"off".equals(settings.get(s));
    }
    return String.format("PostgreSQL %s (%s), %s; %s", server.serverVersion(), kind,
        durable ? "durable" : "NOT DURABLE: commits may be lost in a crash, figures flatter commits", settings);
  }

  @Override
  public void close() throws SQLException {
    try {
      server.dropDatabase(DATABASE);
      try (Connection c = server.adminConnection(); Statement st = c.createStatement()) {
        st.execute("DROP ROLE IF EXISTS \"" + writer.name().replace("\"", "\"\"") + "\"");
      }
    } finally {
      server.close();
    }
  }
}
