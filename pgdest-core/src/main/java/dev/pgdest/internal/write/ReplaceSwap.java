package dev.pgdest.internal.write;

import dev.pgdest.internal.errors.SqlStates;
import dev.pgdest.internal.sql.ReplaceSql;
import dev.pgdest.internal.sql.Sql;
import dev.pgdest.internal.unit.UnitConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * REPLACE's swap by rename: a load table shaped like the target (columns, defaults, constraints,
 * indexes under temporary names) takes the rows, and the writer's commit drops the target and
 * renames the load table in its place, with the target's grants, owner, comments, replica
 * identity and storage options carried over, in one transaction under an exclusive lock. The new
 * contents cost one load and no dead rows. Only for a target nothing else depends on (see {@link
 * ReplaceSql#BLOCKERS}); the rest is decided by {@link ReplaceMode}. Not thread-safe.
 */
final class ReplaceSwap {
  /** An index or constraint of the load table: its temporary and original names. */
  private record Renamed(String temporary, String original, boolean constraint) {}

  private final String schema;
  private final String table;
  private final long oid;
  private final String target;
  private final List<Renamed> renames = new ArrayList<>();

  ReplaceSwap(String schema, String table, long oid) {
    this.schema = schema;
    this.table = table;
    this.oid = oid;
    this.target = Sql.qualified(schema, table);
  }

  /** Why the target cannot be swapped, or an empty list. */
  List<String> blockers(UnitConnection c) throws SQLException {
    Connection conn = c.connection();
    List<String> out = strings(conn, ReplaceSql.BLOCKERS, oid);
    if (conn.getMetaData().getDatabaseMajorVersion() >= 15) {
      out.addAll(strings(conn, ReplaceSql.SCHEMA_PUBLICATION, oid));
    }
    return out;
  }

  /** Creates the load table with the target's shape, indexes and constraints (temporary names). */
  void create(UnitConnection c, String load, String prefix) throws SQLException {
    c.execute(ReplaceSql.createShadow(load, target));
    renames.clear();
    try (PreparedStatement ps = c.connection().prepareStatement(ReplaceSql.INDEXES)) {
      ps.setString(1, load);
      ps.setString(2, prefix);
      ps.setLong(3, oid);
      List<String> statements = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          statements.add(rs.getString(1));
          renames.add(new Renamed(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
        }
      }
      for (String s : statements) {
        c.execute(s);
      }
    }
  }

  /**
   * Swaps the load table in, inside the caller's transaction, which holds the target's exclusive
   * lock. Runs in a savepoint: when the server refuses a step because of something the catalog
   * check cannot see (another table's column of this row type, a missing privilege), the
   * savepoint is rolled back and false returned, so the caller can replace by DELETE and INSERT.
   */
  boolean swap(UnitConnection c, String load) throws SQLException {
    c.execute(ReplaceSql.SAVEPOINT);
    try {
      List<String> carry = new ArrayList<>();
      try (PreparedStatement ps = c.connection().prepareStatement(ReplaceSql.CARRY)) {
        ps.setString(1, load);
        ps.setLong(2, oid);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            carry.add(rs.getString(1));
          }
        }
      }
      List<String> indexComments = strings(c.connection(), ReplaceSql.INDEX_COMMENTS, Sql.ident(schema), oid);
      for (String s : carry) {
        c.execute(s);
      }
      c.execute(ReplaceSql.dropTable(target));
      c.execute(ReplaceSql.rename(load, Sql.ident(table)));
      for (Renamed r : renames) {
        c.execute(r.constraint() ? ReplaceSql.renameConstraint(target, r.temporary(), r.original())
            : ReplaceSql.renameIndex(schema, r.temporary(), r.original()));
      }
      for (String s : indexComments) {
        c.execute(s);
      }
      c.execute(ReplaceSql.RELEASE_SAVEPOINT);
      return true;
    } catch (SQLException e) {
      String state = SqlStates.sqlStateOf(e);
      if (state == null || !(state.startsWith("2B") || state.startsWith("42"))) {
        throw e;
      }
      c.execute(ReplaceSql.ROLLBACK_TO_SAVEPOINT);
      return false;
    }
  }

  private static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
