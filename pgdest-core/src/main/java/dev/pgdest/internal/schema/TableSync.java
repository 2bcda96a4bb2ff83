package dev.pgdest.internal.schema;

import dev.pgdest.PgType;
import dev.pgdest.PgdestException;
import dev.pgdest.TableSpec;
import dev.pgdest.internal.sql.Locks;
import dev.pgdest.internal.sql.SchemaSql;
import dev.pgdest.internal.sql.Sql;
import dev.pgdest.internal.type.ColumnTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a table from its {@link TableSpec} or evolves an existing one towards it: missing
 * columns are added (nullable), safe widenings applied, anything else refused with a message
 * naming table, column and both types. Runs in one transaction under an advisory lock per table,
 * so concurrent writers neither race on DDL nor see half of it.
 */
public final class TableSync {
  private static final Logger LOG = LoggerFactory.getLogger(TableSync.class);

  private record Existing(int attnum, String formatted, PgType type) {}

  private TableSync() {}

  /** Makes the table match the spec and describes it. The connection must be in auto-commit mode. */
  public static TablePlan sync(Connection c, String schema, TableSpec spec) throws SQLException {
    c.setAutoCommit(false);
    try {
      TablePlan plan = syncLocked(c, schema, spec);
      c.commit();
      return plan;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static TablePlan syncLocked(Connection c, String schema, TableSpec spec) throws SQLException {
    String qualified = Sql.qualified(schema, spec.sqlName());
    try (Statement st = c.createStatement()) {
      st.execute(Locks.tableDdl(qualified));
    }
    long oid = oid(c, schema, spec.sqlName());
    boolean created = false;
    if (oid == 0) {
      create(c, qualified, spec);
      oid = oid(c, schema, spec.sqlName());
      created = true;
    }
    Map<String, Existing> existing = columns(c, oid);
    List<PgType> types = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    for (TableSpec.Column col : spec.columns()) {
      Existing e = existing.get(col.sqlName());
      String q = Sql.ident(col.sqlName());
      if (e == null) {
        changes.add(SchemaSql.addColumn(col.sqlName(), col.type().sqlName()));
        types.add(col.type());
      } else if (e.type() != null && ColumnTypes.widens(col.type(), e.type())) {
        types.add(e.type());
      } else if (e.type() != null && ColumnTypes.widens(e.type(), col.type())) {
        requireNoViews(c, oid, e.attnum(), spec, col, e.formatted());
        changes.add(SchemaSql.alterType(col.sqlName(), col.type().sqlName(),
            ColumnTypes.usingExpression(q, e.type(), col.type())));
        types.add(col.type());
      } else {
        throw new PgdestException("table \"" + spec.name() + "\", column \"" + col.name() + "\": the database has type "
            + e.formatted() + ", the spec asks for " + col.type().sqlName() + "; pgdest only adds columns and widens "
            + "types (integer to bigint to numeric, varchar(n) to text, timestamp to timestamptz, json to jsonb)");
      }
    }
    if (!changes.isEmpty()) {
      try (Statement st = c.createStatement()) {
        st.execute(SchemaSql.alterTable(qualified, changes));
      }
      LOG.info("Evolved table \"{}\": {}", spec.name(), changes.size() + " change(s)");
      existing = columns(c, oid);
    }
    boolean unique = !spec.primaryKey().isEmpty() && hasUniqueIndex(c, oid, spec, existing);
    return new TablePlan(schema, spec.sqlName(), oid, List.copyOf(types), unique, created);
  }

  private static void create(Connection c, String qualified, TableSpec spec) throws SQLException {
    List<String> defs = spec.columns().stream().map(col -> SchemaSql.columnDef(col.sqlName(), col.type().sqlName(),
        col.nullable())).collect(Collectors.toList());
    List<String> keys = spec.primaryKey().stream().map(k -> Sql.ident(spec.column(k).orElseThrow().sqlName()))
        .collect(Collectors.toList());
    try (Statement st = c.createStatement()) {
      st.execute(SchemaSql.createTable(qualified, defs, keys));
    }
    LOG.info("Created table \"{}\" with {} columns", spec.name(), spec.columns().size());
  }

  /** The OID of a table, or 0 when it does not exist. */
  static long oid(Connection c, String schema, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SchemaSql.TABLE_OID)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static Map<String, Existing> columns(Connection c, long oid) throws SQLException {
    Map<String, Existing> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(SchemaSql.COLUMNS)) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String formatted = rs.getString(3);
          out.put(rs.getString(1), new Existing(rs.getInt(2), formatted, ColumnTypes.parse(formatted)));
        }
      }
    }
    return out;
  }

  private static void requireNoViews(Connection c, long oid, int attnum, TableSpec spec, TableSpec.Column col,
      String oldType) throws SQLException {
    List<String> views = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SchemaSql.DEPENDENT_VIEWS)) {
      ps.setLong(1, oid);
      ps.setInt(2, attnum);
      ps.setLong(3, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          views.add(rs.getString(1));
        }
      }
    }
    if (!views.isEmpty()) {
      throw new PgdestException("table \"" + spec.name() + "\", column \"" + col.name() + "\": cannot widen "
          + oldType + " to " + col.type().sqlName() + " because these views depend on it: " + String.join(", ", views)
          + ". pgdest does not drop views; drop them, let the writer widen the column, and recreate them");
    }
  }

  private static boolean hasUniqueIndex(Connection c, long oid, TableSpec spec, Map<String, Existing> existing)
      throws SQLException {
    Set<Integer> key = new TreeSet<>();
    for (String k : spec.primaryKey()) {
      Existing e = existing.get(spec.column(k).orElseThrow().sqlName());
      key.add(e.attnum());
    }
    try (PreparedStatement ps = c.prepareStatement(SchemaSql.UNIQUE_INDEXES)) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] parts = rs.getString(1).trim().split(" ");
          Set<Integer> cols = new TreeSet<>();
          for (int i = 0; i < rs.getInt(2); i++) {
            cols.add(Integer.parseInt(parts[i]));
          }
          if (cols.equals(key)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
