package dev.pgdest;

import dev.pgdest.internal.schema.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a table a writer lands rows in: its name (in the destination's schema), its
 * columns with their {@link PgType} and nullability, and an optional primary key. The table is
 * created from it when missing and evolved towards it when it exists (missing columns added, safe
 * widenings applied; a column already wider than its spec is kept, and its values are checked
 * against the column, see {@link PgType}). Immutable and thread-safe.
 *
 * <p>Names are used exactly as given (quoted): mixed case, spaces, quotes and reserved words are
 * fine. Names longer than PostgreSQL's 63 bytes are shortened deterministically with a hash
 * suffix ({@link Column#sqlName()}); two names that would end up the same are an error.
 *
 * <pre>{@code
 * TableSpec users = TableSpec.builder("users")
 *     .column("id", PgType.BIGINT)
 *     .column("email", PgType.varchar(320))
 *     .column("created_at", PgType.TIMESTAMPTZ, false)
 *     .primaryKey("id")
 *     .build();
 * }</pre>
 */
public final class TableSpec {

  /**
   * One column.
   *
   * @param name the name as the caller gave it
   * @param sqlName the name in the database: {@code name}, shortened when over 63 bytes
   * @param type the column type
   * @param nullable whether NULL is allowed (primary-key columns never are)
   */
  public record Column(String name, String sqlName, PgType type, boolean nullable) {}

  private static final Set<PgType.Kind> VERSION_KINDS = java.util.EnumSet.of(PgType.Kind.SMALLINT, PgType.Kind.INTEGER,
      PgType.Kind.BIGINT, PgType.Kind.NUMERIC, PgType.Kind.DATE, PgType.Kind.TIMESTAMP, PgType.Kind.TIMESTAMPTZ);

  private final String name;
  private final String sqlName;
  private final List<Column> columns;
  private final List<String> primaryKey;
  private final Map<String, Integer> index;
  private final String versionColumn;
  private final String softDeleteColumn;

  private TableSpec(Builder b, List<Column> columns) {
    this.name = b.name;
    this.versionColumn = b.versionColumn;
    this.softDeleteColumn = b.softDeleteColumn;
    this.sqlName = Identifiers.sqlName(b.name, "table");
    this.columns = List.copyOf(columns);
    this.primaryKey = List.copyOf(b.primaryKey);
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      idx.put(columns.get(i).name(), i);
    }
    this.index = Map.copyOf(idx);
  }

  /** A builder for a table of this name (created in the destination's schema). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The table's name as given. */
  public String name() {
    return name;
  }

  /** The table's name in the database (shortened when over 63 bytes). */
  public String sqlName() {
    return sqlName;
  }

  /** The columns, in order. */
  public List<Column> columns() {
    return columns;
  }

  /** The primary-key column names as given, in key order; empty when there is none. */
  public List<String> primaryKey() {
    return primaryKey;
  }

  /** The column of this name, if any. */
  public Optional<Column> column(String name) {
    Integer i = index.get(name);
    return i == null ? Optional.empty() : Optional.of(columns.get(i));
  }

  /** The position of a column by name, or -1. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /**
   * The version column, if any: an upsert or delete in a {@link SyncSession} (or an UPSERT writer)
   * applies only when its version is at least the stored row's, so replays and out-of-order
   * arrivals never overwrite newer data.
   */
  public Optional<String> versionColumn() {
    return Optional.ofNullable(versionColumn);
  }

  /**
   * The soft-delete column, if any: a {@code timestamptz} column (one of {@link #columns()}) that a
   * delete in a {@link SyncSession} sets to the commit time instead of deleting the row, and that an
   * upsert clears.
   */
  public Optional<String> softDeleteColumn() {
    return Optional.ofNullable(softDeleteColumn);
  }

  @Override
  public String toString() {
    return "TableSpec[" + name + ", " + columns.size() + " columns, primaryKey=" + primaryKey + "]";
  }

  /** Builds a {@link TableSpec}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();
    private String versionColumn;
    private String softDeleteColumn;

    private Builder(String name) {
      Identifiers.requireUsable(name, "table");
      this.name = name;
    }

    /** Adds a nullable column (primary-key columns become NOT NULL). */
    public Builder column(String name, PgType type) {
      return column(name, type, true);
    }

    /** Adds a column; {@code nullable = false} makes it NOT NULL and is checked before sending. */
    public Builder column(String name, PgType type, boolean nullable) {
      Identifiers.requireUsable(name, "column");
      Objects.requireNonNull(type, "type");
      for (Column c : columns) {
        if (c.name().equals(name)) {
          throw new IllegalArgumentException("column \"" + name + "\" is declared twice in table \"" + this.name + "\"");
        }
      }
      columns.add(new Column(name, Identifiers.sqlName(name, "column"), type, nullable));
      return this;
    }

    /** Sets the primary key, in key order. UPSERT and DELETE need one. */
    public Builder primaryKey(String... names) {
      primaryKey.clear();
      primaryKey.addAll(List.of(names));
      return this;
    }

    /**
     * Names the version column (declared with {@link #column}; an integer, numeric, date or
     * timestamp type): a change applies only when its version is at least the stored row's.
     */
    public Builder versionColumn(String column) {
      this.versionColumn = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * Deletes become soft: they set this {@code timestamptz} column (added to the spec as a nullable
     * column unless declared) instead of deleting the row; an upsert clears it.
     */
    public Builder softDelete(String column) {
      Identifiers.requireUsable(column, "column");
      this.softDeleteColumn = column;
      return this;
    }

    /**
     * The spec.
     *
     * @throws IllegalArgumentException when there are no columns, a key column is not declared or
     *     repeated, or two names collide after shortening
     */
    public TableSpec build() {
      if (softDeleteColumn != null && columns.stream().noneMatch(c -> c.name().equals(softDeleteColumn))) {
        column(softDeleteColumn, PgType.TIMESTAMPTZ);
      }
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("table \"" + name + "\" needs at least one column");
      }
      Set<String> keys = new LinkedHashSet<>(primaryKey);
      if (keys.size() != primaryKey.size()) {
        throw new IllegalArgumentException("primary key of table \"" + name + "\" repeats a column");
      }
      Map<String, String> bySqlName = new HashMap<>();
      List<Column> out = new ArrayList<>();
      for (Column c : columns) {
        String clash = bySqlName.put(c.sqlName(), c.name());
        if (clash != null) {
          throw new IllegalArgumentException("columns \"" + clash + "\" and \"" + c.name() + "\" of table \"" + name
              + "\" both become \"" + c.sqlName() + "\" in PostgreSQL (names are limited to 63 bytes)");
        }
        boolean key = keys.contains(c.name());
        if (key && c.type().isArray()) {
          throw new IllegalArgumentException("primary-key column \"" + c.name() + "\" of table \"" + name
              + "\" cannot be an array");
        }
        out.add(key ? new Column(c.name(), c.sqlName(), c.type(), false) : c);
      }
      for (String k : primaryKey) {
        if (columns.stream().noneMatch(c -> c.name().equals(k))) {
          throw new IllegalArgumentException("primary-key column \"" + k + "\" is not a column of table \"" + name + "\"");
        }
      }
      if (versionColumn != null) {
        Column v = out.stream().filter(c -> c.name().equals(versionColumn)).findFirst().orElseThrow(() ->
            new IllegalArgumentException("version column \"" + versionColumn + "\" is not a column of table \"" + name + "\""));
        if (!VERSION_KINDS.contains(v.type().kind())) {
          throw new IllegalArgumentException("version column \"" + versionColumn + "\" of table \"" + name
              + "\" must be an integer, numeric, date or timestamp type, not " + v.type().sqlName());
        }
      }
      if (softDeleteColumn != null) {
        Column d = out.stream().filter(c -> c.name().equals(softDeleteColumn)).findFirst().orElseThrow();
        if (!d.type().equals(PgType.TIMESTAMPTZ) || !d.nullable() || primaryKey.contains(d.name())) {
          throw new IllegalArgumentException("soft-delete column \"" + softDeleteColumn + "\" of table \"" + name
              + "\" must be a nullable timestamptz column outside the primary key");
        }
      }
      return new TableSpec(this, out);
    }
  }
}
