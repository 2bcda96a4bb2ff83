package dev.pgdest.it.write;

import dev.pgdest.testkit.TestDestination;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Query results as lists of JDBC values in column order, to compare with {@code List.of(...)}.
 * Positional, so columns with the same label (two {@code count(*)}) are all kept.
 */
final class Rows {

  private Rows() {}

  static List<List<Object>> of(TestDestination target, String sql) throws SQLException {
    try (Connection c = target.adminConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
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
}
