package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.SqlText;
import dev.pgdest.testkit.internal.assertions.Rows;
import dev.pgdest.testkit.internal.assertions.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one table of a {@link TestDestination}; obtained from
 * {@link PgdestAssertions#assertThatTable}. Each call queries the server afresh.
 *
 * <p>Not thread-safe (like every AssertJ assertion object).
 *
 * <p>{@code assertThatTable(dest, "users").exists().hasRowCount(3).hasPrimaryKey("id");}
 */
public final class TableAssert extends AbstractAssert<TableAssert, String> {

  private final TestDestination dest;
  private final String schema;
  private final String table;

  TableAssert(TestDestination dest, String schema, String table) {
    super(schema + "." + table, TableAssert.class);
    this.dest = dest;
    this.schema = schema;
    this.table = table;
  }

  /** The table exists. */
  public TableAssert exists() {
    if (!tableExists()) {
      failWithMessage("Expected table %s to exist in database %s, but it does not; tables there: %s", actual,
          dest.database(), tablesInSchema());
    }
    return this;
  }

  /** The table does not exist. */
  public TableAssert doesNotExist() {
    if (tableExists()) {
      failWithMessage("Expected table %s not to exist, but it does", actual);
    }
    return this;
  }

  /** The table holds exactly {@code expected} rows. */
  public TableAssert hasRowCount(long expected) {
    exists();
    long count = ((Number) dest.queryValue("SELECT count(*) FROM " + quoted())).longValue();
    if (count != expected) {
      failWithMessage("Expected table %s to hold %s rows but it holds %s", actual, expected, count);
    }
    return this;
  }

  /** The table holds no rows. */
  public TableAssert hasNoRows() {
    return hasRowCount(0);
  }

  /**
   * The table holds exactly these rows, in any order, each given with all of its columns in
   * column order (see {@link PgdestAssertions#row}). Duplicates count.
   */
  public TableAssert containsExactlyInAnyOrderRows(Object[]... expected) {
    exists();
    List<List<Object>> actualRows = Rows.read(dest, schema, table);
    List<List<Object>> missing = new ArrayList<>();
    List<List<Object>> unexpected = new ArrayList<>(actualRows);
    for (Object[] row : expected) {
      int match = -1;
      for (int i = 0; i < unexpected.size() && match < 0; i++) {
        if (Values.sameRow(Arrays.asList(row), unexpected.get(i))) {
          match = i;
        }
      }
      if (match < 0) {
        missing.add(Arrays.asList(row));
      } else {
        unexpected.remove(match);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      failWithMessage("Expected table %s (columns %s) to contain exactly in any order:%n  %s%nbut these rows were"
          + " missing:%n  %s%nand these were not expected:%n  %s", actual, columns(), render(expected), missing,
          unexpected);
    }
    return this;
  }

  /** The table's columns are exactly these, in this order. */
  public TableAssert hasColumns(String... expected) {
    exists();
    List<String> columns = columns();
    if (!columns.equals(List.of(expected))) {
      failWithMessage("Expected table %s to have columns %s but it has %s", actual, List.of(expected), columns);
    }
    return this;
  }

  /**
   * {@code column} has this type as PostgreSQL's {@code format_type} spells it, for example
   * {@code bigint}, {@code character varying(20)}, {@code numeric(12,2)},
   * {@code timestamp with time zone}, {@code jsonb} or {@code text[]}.
   */
  public TableAssert hasColumnType(String column, String expectedType) {
    exists();
    List<Map<String, Object>> rows = dest.query("SELECT format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a"
        + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND a.attname = ?"
        + " AND a.attnum > 0 AND NOT a.attisdropped", schema, table, column);
    if (rows.isEmpty()) {
      failWithMessage("Expected table %s to have column %s of type %s, but it has no such column; columns: %s",
          actual, column, expectedType, columns());
    }
    Object type = rows.get(0).get("t");
    if (!expectedType.equals(type)) {
      failWithMessage("Expected column %s of table %s to have type %s but it has %s", column, actual, expectedType,
          type);
    }
    return this;
  }

  /** {@code column} is declared {@code NOT NULL}. */
  public TableAssert hasNotNullColumn(String column) {
    exists();
    Object notNull = dest.queryValue("SELECT a.attnotnull FROM pg_attribute a WHERE a.attrelid ="
        + " (quote_ident(?) || '.' || quote_ident(?))::regclass AND a.attname = ? AND NOT a.attisdropped",
        schema, table, column);
    if (!Boolean.TRUE.equals(notNull)) {
      failWithMessage("Expected column %s of table %s to be NOT NULL but it is %s", column, actual,
          notNull == null ? "missing" : "nullable");
    }
    return this;
  }

  /** The primary key is exactly these columns, in key order. */
  public TableAssert hasPrimaryKey(String... columns) {
    exists();
    List<String> key = primaryKey();
    if (!key.equals(List.of(columns))) {
      failWithMessage("Expected table %s to have primary key %s but it has %s", actual, List.of(columns),
          key.isEmpty() ? "none" : key);
    }
    return this;
  }

  /** The table has no primary key. */
  public TableAssert hasNoPrimaryKey() {
    exists();
    List<String> key = primaryKey();
    if (!key.isEmpty()) {
      failWithMessage("Expected table %s to have no primary key but it has %s", actual, key);
    }
    return this;
  }

  private boolean tableExists() {
    return !dest.query("SELECT 1 FROM pg_tables WHERE schemaname = ? AND tablename = ?", schema, table).isEmpty();
  }

  private List<String> tablesInSchema() {
    List<String> names = new ArrayList<>();
    dest.query("SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY 1", schema)
        .forEach(r -> names.add((String) r.get("tablename")));
    return names;
  }

  private List<String> columns() {
    return Rows.columns(dest, schema, table);
  }

  private List<String> primaryKey() {
    List<String> key = new ArrayList<>();
    dest.query("SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)"
        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        + " WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND i.indisprimary ORDER BY k.n",
        schema, table).forEach(r -> key.add((String) r.get("attname")));
    return key;
  }

  private String quoted() {
    return SqlText.ident(schema) + "." + SqlText.ident(table);
  }

  private static String render(Object[][] rows) {
    List<String> out = new ArrayList<>();
    for (Object[] r : rows) {
      out.add(Arrays.deepToString(r));
    }
    return String.join(System.lineSeparator() + "  ", out);
  }
}
