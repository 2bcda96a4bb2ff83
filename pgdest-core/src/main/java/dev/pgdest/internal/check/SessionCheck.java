package dev.pgdest.internal.check;

import static dev.pgdest.internal.check.Checklist.fail;
import static dev.pgdest.internal.check.Checklist.pass;

import dev.pgdest.CheckReport.Item;
import dev.pgdest.internal.sql.CheckSql;
import dev.pgdest.internal.sql.Sql;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The items that exercise the session the way the write path will: {@code round_trip} (a TEMP
 * table filled with COPY and read back, all rolled back) and {@code pooler} (session state
 * surviving from one transaction to the next, which transaction-mode poolers break).
 */
final class SessionCheck {
  static final String ROUND_TRIP = "round_trip";
  static final String POOLER = "pooler";
  static final String ROUND_TRIP_TITLE = "TEMP table and COPY round trip";
  static final String POOLER_TITLE = "session kept across transactions (no transaction-mode pooler)";

  private static final String ROWS = "1\tpgdest\n2\tcheck \u00e9\n";
  private static final List<String> EXPECTED = List.of("1:pgdest", "2:check \u00e9");

  private final Connection connection;

  SessionCheck(Connection connection) {
    this.connection = connection;
  }

  Item roundTrip() throws SQLException, IOException {
    String table = Sql.ident("pgdest_check_" + suffix());
    List<String> read = new ArrayList<>();
    long copied;
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      st.execute(CheckSql.createRoundTripTable(table));
      copied = connection.unwrap(PGConnection.class).getCopyAPI()
          .copyIn(CheckSql.roundTripCopy(table), new StringReader(ROWS));
      try (ResultSet rs = st.executeQuery(CheckSql.roundTripRead(table))) {
        while (rs.next()) {
          read.add(rs.getInt(1) + ":" + rs.getString(2));
        }
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
    if (copied != EXPECTED.size() || !read.equals(EXPECTED)) {
      return fail(ROUND_TRIP, ROUND_TRIP_TITLE, "COPY reported " + copied + " rows and " + read.size()
          + " came back unchanged out of " + EXPECTED.size() + ": check the server's client_encoding and any"
          + " proxy between here and the server");
    }
    return pass(ROUND_TRIP, ROUND_TRIP_TITLE, "created a temporary table, copied " + copied
        + " rows into it with COPY and read them back; rolled back");
  }

  Item pooler() throws SQLException {
    String name = "pgdest_pooler_" + suffix();
    int firstPid;
    int secondPid;
    boolean visible;
    // Auto-commit: each statement below is a transaction of its own, as batches are.
    try (Statement st = connection.createStatement()) {
      firstPid = backendPid(st);
      st.execute(CheckSql.createProbeTable(name));
      try (ResultSet rs = st.executeQuery(CheckSql.probeVisible(name))) {
        rs.next();
        secondPid = rs.getInt(1);
        visible = rs.getBoolean(2);
      }
      st.execute(CheckSql.dropProbeTable(name));
    }
    if (firstPid == secondPid && visible) {
      return pass(POOLER, POOLER_TITLE, "temporary tables survive from one transaction to the next");
    }
    return fail(POOLER, POOLER_TITLE, "consecutive transactions ran in different server sessions"
        + (firstPid != secondPid ? " (backend " + firstPid + ", then " + secondPid + ")" : "")
        + ": a transaction-mode connection pooler (PgBouncer pool_mode=transaction, Supavisor or a cloud"
        + " \"transaction\" pooler, often on port 6543) sits in front of the database. It drops the"
        + " temporary tables rows are staged in. Connect to the database directly or to a session-mode pool.");
  }

  private static int backendPid(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery(CheckSql.BACKEND_PID)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
