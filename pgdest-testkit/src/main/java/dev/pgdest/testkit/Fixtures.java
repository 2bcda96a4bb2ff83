package dev.pgdest.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data sets that break destinations: awkward identifiers, NUL characters and unpaired
 * surrogates, huge JSON, timestamps and numbers PostgreSQL cannot hold, duplicate keys inside one
 * batch, and a table whose shape drifts between loads. Types are named as PostgreSQL spells them,
 * so the data sets fit any connector.
 *
 * <p>Every method returns fresh immutable data; thread-safe.
 *
 * <pre>{@code
 * for (String name : Fixtures.awkwardIdentifiers()) {
 *   // create a table and a column with this name, write a row, read it back
 * }
 * }</pre>
 */
public final class Fixtures {

  /** PostgreSQL's identifier limit in bytes (NAMEDATALEN - 1). */
  public static final int MAX_IDENTIFIER_BYTES = 63;

  private Fixtures() {}

  /**
   * Identifiers that are valid but need quoting or care: reserved words, upper case, spaces,
   * quotes, backslashes, dots, non-ASCII letters, emoji, a leading digit, and names of exactly 63
   * bytes (ASCII and multi-byte).
   */
  public static List<String> awkwardIdentifiers() {
    return List.of(
        "select", "Order", "MixedCase", "with space", "quote\"inside", "single'quote", "back\\slash",
        "dot.ted", "semi;colon", "dash-ed", "$dollar", "123starts_with_digit", "ünïcödé", "日本語",
        "emoji😀", "a".repeat(MAX_IDENTIFIER_BYTES), "é".repeat(31) + "x");
  }

  /**
   * Pairs of identifiers longer than 63 bytes that share their first 63 bytes: a destination must
   * shorten both deterministically and still keep them apart (or refuse clearly).
   */
  public static List<List<String>> collidingLongIdentifiers() {
    String prefix = "customer_lifetime_value_by_acquisition_channel_and_region_in_usd";
    return List.of(
        List.of(prefix + "_2023", prefix + "_2024"),
        List.of("é".repeat(40) + "_a", "é".repeat(40) + "_b"));
  }

  /** Identifiers no PostgreSQL object can have: empty, or holding a NUL character. */
  public static List<String> invalidIdentifiers() {
    return List.of("", "nul\0inside", "\0");
  }

  /** Text holding U+0000 at the start, middle and end, and only NULs. */
  public static List<String> nulStrings() {
    return List.of("\0leading", "in\0side", "trailing\0", "\0\0\0", "{\"json\": \"a\0b\"}");
  }

  /** Text holding unpaired UTF-16 surrogates, which UTF-8 cannot encode. */
  public static List<String> unpairedSurrogates() {
    return List.of("high\uD800alone", "low\uDC00alone", "reversed\uDC00\uD800pair");
  }

  /**
   * A valid JSON object of at least {@code bytes} bytes (UTF-8): an array of records with
   * escaped quotes, non-ASCII text and nested objects, the kind of payload that crosses buffer
   * and batch boundaries.
   */
  public static String hugeJson(int bytes) {
    if (bytes < 2) {
      throw new IllegalArgumentException("bytes must be >= 2: " + bytes);
    }
    StringBuilder sb = new StringBuilder(bytes + 256).append("{\"items\":[");
    int i = 0;
    while (sb.length() < bytes) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"n\":").append(i).append(",\"text\":\"quote \\\" and ünïcödé ").append(i)
          .append("\",\"nested\":{\"ok\":true,\"list\":[1,2,3]}}");
      i++;
    }
    return sb.append("]}").toString();
  }

  /** A JSON value nested {@code depth} arrays deep. */
  public static String deeplyNestedJson(int depth) {
    return "[".repeat(depth) + "0" + "]".repeat(depth);
  }

  /**
   * Values a {@code timestamp}/{@code timestamptz}/{@code date} column cannot hold (PostgreSQL
   * accepts 4713 BC to 294276 AD): they must be rejected with a clear error, never wrapped.
   */
  public static List<Object> outOfRangeTimestamps() {
    return List.of(
        LocalDateTime.of(294277, 1, 1, 0, 0),
        LocalDateTime.of(-4713, 1, 1, 0, 0),
        OffsetDateTime.of(300000, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC),
        Instant.MAX,
        Instant.MIN,
        LocalDate.of(-5000, 1, 1));
  }

  /** Values at the edges of PostgreSQL's ranges that must round-trip unchanged. */
  public static List<Object> extremeValidTimestamps() {
    return List.of(
        LocalDateTime.of(1, 1, 1, 0, 0),
        LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
        Instant.parse("1970-01-01T00:00:00Z"),
        Instant.parse("2000-01-01T00:00:00Z"),
        LocalDate.of(-4712, 1, 1),
        LocalDate.of(5874897, 12, 31));
  }

  /** A value and the PostgreSQL column type it overflows. */
  public static final class Overflow {
    private final String columnType;
    private final Object value;

    Overflow(String columnType, Object value) {
      this.columnType = columnType;
      this.value = value;
    }

    /** The column type, as PostgreSQL spells it. */
    public String columnType() {
      return columnType;
    }

    /** The value that does not fit. */
    public Object value() {
      return value;
    }

    @Override
    public String toString() {
      return columnType + " <- " + value;
    }
  }

  /** Numbers that do not fit their column: each must be rejected, not truncated or rounded away. */
  public static List<Overflow> numericOverflows() {
    return List.of(
        new Overflow("smallint", 40_000),
        new Overflow("integer", 3_000_000_000L),
        new Overflow("bigint", new BigDecimal("9223372036854775808")),
        new Overflow("numeric(10,2)", new BigDecimal("123456789.12")),
        new Overflow("numeric(5,0)", new BigDecimal("1e5")),
        new Overflow("integer", Double.NaN),
        new Overflow("numeric(10,2)", Double.POSITIVE_INFINITY));
  }

  /**
   * One batch for a table keyed by {@code id} whose keys repeat: the last row for a key must win,
   * and the load must not fail with "cannot affect row a second time".
   */
  public static List<Map<String, Object>> inBatchDuplicateKeys() {
    return List.of(
        row("id", 1L, "name", "first"),
        row("id", 2L, "name", "only"),
        row("id", 1L, "name", "second"),
        row("id", 3L, "name", "a"),
        row("id", 1L, "name", "last"),
        row("id", 3L, "name", "b"));
  }

  /** What {@link #inBatchDuplicateKeys()} must leave: one row per key, the last one. */
  public static Map<Long, String> inBatchDuplicateKeysExpected() {
    Map<Long, String> expected = new LinkedHashMap<>();
    expected.put(1L, "last");
    expected.put(2L, "only");
    expected.put(3L, "b");
    return Collections.unmodifiableMap(expected);
  }

  /**
   * The successive shapes of one table across loads: a column added, safe widenings
   * (integer to bigint, varchar(10) to text, timestamp to timestamptz), then a change that is no
   * widening (text to integer) and must be refused, naming the table, column and both types. Each
   * step maps column name to PostgreSQL type, in column order.
   */
  public static List<Map<String, String>> schemaDrift() {
    List<Map<String, String>> steps = new ArrayList<>();
    steps.add(columns("id", "integer", "name", "character varying(10)", "seen", "timestamp without time zone"));
    steps.add(columns("id", "integer", "name", "character varying(10)", "seen", "timestamp without time zone",
        "email", "text"));
    steps.add(columns("id", "bigint", "name", "text", "seen", "timestamp with time zone", "email", "text"));
    steps.add(columns("id", "bigint", "name", "integer", "seen", "timestamp with time zone", "email", "text"));
    return Collections.unmodifiableList(steps);
  }

  private static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(row);
  }

  private static Map<String, String> columns(String... namesAndTypes) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      columns.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return Collections.unmodifiableMap(columns);
  }
}
