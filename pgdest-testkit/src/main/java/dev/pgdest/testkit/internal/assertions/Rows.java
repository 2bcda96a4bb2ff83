package dev.pgdest.testkit.internal.assertions;

import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.internal.SqlText;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a table's rows as Java values chosen by column type: {@code OffsetDateTime} for
 * {@code timestamptz}, {@code LocalDateTime}, {@code LocalDate} and {@code LocalTime} for the
 * others, JSON as text, arrays as lists; everything else as pgjdbc returns it.
 *
 * <p>Stateless and thread-safe.
 */
public final class Rows {

  private Rows() {}

  /** Every row of {@code schema.table}, values in column order. */
  public static List<List<Object>> read(TestDestination dest, String schema, String table) {
    try (Connection c = dest.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + SqlText.ident(schema) + "." + SqlText.ident(table))) {
      ResultSetMetaData md = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(value(rs, i, md.getColumnTypeName(i)));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read " + schema + "." + table + ": " + e.getMessage(), e);
    }
  }

  /** The column names of {@code schema.table}, in order. */
  public static List<String> columns(TestDestination dest, String schema, String table) {
    List<String> names = new ArrayList<>();
    dest.query("SELECT a.attname FROM pg_attribute a WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))"
        + "::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", schema, table)
        .forEach(r -> names.add((String) r.get("attname")));
    return names;
  }

  private static Object value(ResultSet rs, int i, String type) throws SQLException {
    switch (type) {
      case "timestamptz":
        return rs.getObject(i, OffsetDateTime.class);
      case "timestamp":
        return rs.getObject(i, LocalDateTime.class);
      case "date":
        return rs.getObject(i, LocalDate.class);
      case "time":
        return rs.getObject(i, LocalTime.class);
      case "json":
      case "jsonb":
        return rs.getString(i);
      default:
        Object v = rs.getObject(i);
        if (v instanceof Array) {
          Object[] elements = (Object[]) ((Array) v).getArray();
          return Arrays.asList(elements);
        }
        return v;
    }
  }
}
