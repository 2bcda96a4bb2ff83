package dev.pgdest.it.write;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh database with the seed's writer user, and helpers to read tables back with plain JDBC. */
final class WriteFixture {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  final PostgresServer server;
  final String database;
  final WriterUser writer;
  final String schema;

  private WriteFixture(PostgresServer server, String database, WriterUser writer, String schema) {
    this.server = server;
    this.database = database;
    this.writer = writer;
    this.schema = schema;
  }

  static WriteFixture create(PostgresServer server, String schema) throws SQLException {
    String db = "write_" + DATABASES.incrementAndGet();
    server.createDatabase(db);
    return new WriteFixture(server, db, WriterUsers.createSeedWriter(server, db), schema);
  }

  DestinationConfig.Builder config() {
    DestinationConfig.Builder b = DestinationConfig.builder();
    b.host(server.host()).port(server.port()).database(database).schema(schema).username(writer.name())
        .password(writer.password()).sslMode(SslMode.DISABLE);
    return b;
  }

  Destination open() {
    return Destination.open(config().build());
  }

  Connection admin() throws SQLException {
    return server.adminConnection(database);
  }

  /** Rows of a query as lists of {@code getObject} values. */
  List<List<Object>> rows(String sql) throws SQLException {
    try (Connection c = admin(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<List<Object>> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  long count(String table) throws SQLException {
    return ((Number) rows("SELECT count(*) FROM \"" + schema + "\".\"" + table.replace("\"", "\"\"") + "\"").get(0).get(0))
        .longValue();
  }

  void exec(String sql) throws SQLException {
    try (Connection c = admin(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
