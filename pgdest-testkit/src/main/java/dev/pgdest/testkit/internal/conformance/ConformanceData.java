package dev.pgdest.testkit.internal.conformance;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conformance suite's tables and rows: a table with a column of every supported type and the
 * values to round-trip through it, and the mapping from PostgreSQL type names (as the fixtures
 * spell them) to {@link PgType}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConformanceData {

  private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
  private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");

  private ConformanceData() {}

  /** {@code all_types}: a bigint key and one column per supported type, arrays included. */
  public static TableSpec allTypes() {
    return TableSpec.builder("all_types")
        .column("id", PgType.BIGINT)
        .column("b", PgType.BOOLEAN).column("i2", PgType.SMALLINT).column("i4", PgType.INTEGER)
        .column("i8", PgType.BIGINT).column("f4", PgType.REAL).column("f8", PgType.DOUBLE)
        .column("n", PgType.numeric(12, 3)).column("t", PgType.TEXT).column("vc", PgType.varchar(10))
        .column("by", PgType.BYTEA).column("d", PgType.DATE).column("tm", PgType.TIME)
        .column("ts", PgType.TIMESTAMP).column("tz", PgType.TIMESTAMPTZ).column("u", PgType.UUID)
        .column("js", PgType.JSON).column("jb", PgType.JSONB)
        .column("a_t", PgType.arrayOf(PgType.TEXT)).column("a_i", PgType.arrayOf(PgType.INTEGER))
        .primaryKey("id")
        .build();
  }

  /** Rows for {@link #allTypes()}: one with a value in every column, one with NULLs. */
  public static List<Object[]> allTypesRows() {
    Object[] full = {
        1L, true, (short) -7, 42, 1L << 40, 1.5f, 2.25, new BigDecimal("12345.678"),
        "ünïcödé \"quoted\" back\\slash 日本", "short", new byte[] {0, 1, 2, (byte) 255},
        LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 59, 123_456_000),
        LocalDateTime.of(2024, 1, 1, 12, 34, 56, 789_000_000), Instant.parse("2024-06-30T23:59:59.999999Z"),
        UUID.fromString("0b9d6a4e-7f30-4b8a-9d0f-3c5b2f1e6a77"), "{\"a\": [1, 2]}", "{\"b\": true}",
        List.of("x", "y z"), new int[] {1, -2, 3}};
    Object[] nulls = new Object[full.length];
    nulls[0] = 2L;
    return List.of(full, nulls);
  }

  /** What {@link #allTypesRows()} reads back as, for {@code TableAssert.containsExactlyInAnyOrderRows}. */
  public static Object[][] allTypesExpected() {
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : allTypesRows()) {
      Object[] e = Arrays.copyOf(r, r.length);
      if (e[19] instanceof int[]) {
        e[19] = Arrays.stream((int[]) e[19]).boxed().toList();
      }
      rows.add(e);
    }
    return rows.toArray(new Object[0][]);
  }

  /** The {@link PgType} for a type name as PostgreSQL's {@code format_type} spells it. */
  public static PgType type(String name) {
    String n = name.toLowerCase(Locale.ROOT).trim();
    Matcher numeric = NUMERIC.matcher(n);
    if (numeric.matches()) {
      return PgType.numeric(Integer.parseInt(numeric.group(1)), Integer.parseInt(numeric.group(2)));
    }
    Matcher varchar = VARCHAR.matcher(n);
    if (varchar.matches()) {
      return PgType.varchar(Integer.parseInt(varchar.group(1)));
    }
    PgType t = SIMPLE.get(n);
    if (t == null) {
      throw new IllegalArgumentException("no PgType for " + name);
    }
    return t;
  }

  /** The column type that holds a temporal value of this Java type. */
  public static PgType temporalType(Object value) {
    if (value instanceof LocalDate) {
      return PgType.DATE;
    }
    if (value instanceof LocalDateTime) {
      return PgType.TIMESTAMP;
    }
    if (value instanceof Instant || value instanceof OffsetDateTime) {
      return PgType.TIMESTAMPTZ;
    }
    throw new IllegalArgumentException("not a temporal fixture: " + value.getClass());
  }

  /** A spec with an {@code id bigint} key and the given columns, in order. */
  public static TableSpec table(String name, Map<String, String> columns, boolean keyed) {
    TableSpec.Builder b = TableSpec.builder(name);
    columns.forEach((column, type) -> b.column(column, type(type)));
    if (keyed) {
      b.primaryKey("id");
    }
    return b.build();
  }

  private static final Map<String, PgType> SIMPLE = Map.ofEntries(
      Map.entry("boolean", PgType.BOOLEAN), Map.entry("smallint", PgType.SMALLINT),
      Map.entry("integer", PgType.INTEGER), Map.entry("bigint", PgType.BIGINT), Map.entry("real", PgType.REAL),
      Map.entry("double precision", PgType.DOUBLE), Map.entry("numeric", PgType.NUMERIC),
      Map.entry("text", PgType.TEXT), Map.entry("bytea", PgType.BYTEA), Map.entry("date", PgType.DATE),
      Map.entry("time without time zone", PgType.TIME), Map.entry("timestamp without time zone", PgType.TIMESTAMP),
      Map.entry("timestamp with time zone", PgType.TIMESTAMPTZ), Map.entry("uuid", PgType.UUID),
      Map.entry("json", PgType.JSON), Map.entry("jsonb", PgType.JSONB));
}
