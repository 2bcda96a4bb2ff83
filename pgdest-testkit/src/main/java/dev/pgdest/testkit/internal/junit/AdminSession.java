package dev.pgdest.testkit.internal.junit;

import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.internal.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One superuser connection to a test database, opened on first use and reopened when it broke,
 * with {@code search_path} set to the destination's schema. Calls are serialized.
 *
 * <p>Thread-safe.
 *
 * <p>{@code new AdminSession(server, "db", "acme").query("SELECT 1")}
 */
public final class AdminSession implements AutoCloseable {

  private final PostgresServer server;
  private final String database;
  private final String schema;
  private Connection connection;

  public AdminSession(PostgresServer server, String database, String schema) {
    this.server = server;
    this.database = database;
    this.schema = schema;
  }

  /**
   * Rows as column label to value, in column order.
   *
   * @throws IllegalArgumentException if two columns share a label ({@code count(*)} twice): a map
   *     would keep one of them, silently
   */
  public synchronized List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      requireDistinctLabels(md, sql);
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static void requireDistinctLabels(ResultSetMetaData md, String sql) throws SQLException {
    Set<String> labels = new HashSet<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      if (!labels.add(md.getColumnLabel(i))) {
        throw new IllegalArgumentException("column label \"" + md.getColumnLabel(i) + "\" appears twice in the result"
            + " of " + sql + "; give the columns distinct aliases (AS ...)");
      }
    }
  }

  /** The update count of a statement. */
  public synchronized int execute(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(sql, params)) {
      ps.execute();
      return Math.max(ps.getUpdateCount(), 0);
    }
  }

  private PreparedStatement prepare(String sql, Object... params) throws SQLException {
    PreparedStatement ps = connection().prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }

  private Connection connection() throws SQLException {
    if (connection == null || !connection.isValid(5)) {
      close();
      connection = server.adminConnection(database);
      try (Statement s = connection.createStatement()) {
        s.execute("SET search_path TO " + SqlText.ident(schema) + ", public");
      }
    }
    return connection;
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // the server may already be gone; nothing to release then
      }
      connection = null;
    }
  }
}
