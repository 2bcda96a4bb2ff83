package dev.pgdest.it.write;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every supported type, written through binary COPY and read back with plain JDBC, on every
 * supported major version (12 best-effort). One server at a time, to keep memory low.
 */
@PgdestVersions
@PgdestTest(schema = "types")
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TypeRoundTripIT {
  private static final UUID U = UUID.fromString("0b7e5f2a-6a43-4c55-9d7c-0a8b2f3e4d51");
  /** Set by the extension for each major. */
  private static TestDestination target;

  /** A column: its type, the value written, and what the server must hold (Java value or ::text). */
  private record Case(String name, PgType type, Object written, Object expected, boolean asText) {}

  private static List<Case> cases() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < 256; i++) {
      bytes[i] = (byte) i;
    }
    Instant instant = Instant.parse("1969-07-20T20:17:40.123456Z");
    return List.of(
        new Case("bool", PgType.BOOLEAN, true, true, false),
        new Case("i2", PgType.SMALLINT, Short.MIN_VALUE, (int) Short.MIN_VALUE, false),
        new Case("i4", PgType.INTEGER, Integer.MAX_VALUE, Integer.MAX_VALUE, false),
        new Case("i8", PgType.BIGINT, Long.MIN_VALUE, Long.MIN_VALUE, false),
        new Case("f4", PgType.REAL, 1.1f, 1.1f, false),
        new Case("f4nan", PgType.REAL, Float.NaN, "NaN", true),
        new Case("f8", PgType.DOUBLE, Math.PI, Math.PI, false),
        new Case("f8inf", PgType.DOUBLE, Double.NEGATIVE_INFINITY, "-Infinity", true),
        new Case("f8min", PgType.DOUBLE, Double.MIN_VALUE, Double.MIN_VALUE, false),
        new Case("n122", PgType.numeric(12, 2), new BigDecimal("-9999999999.99"), new BigDecimal("-9999999999.99"), false),
        new Case("n", PgType.NUMERIC, new BigDecimal("123456789012345678901234567890.000000000000000000001"),
            new BigDecimal("123456789012345678901234567890.000000000000000000001"), false),
        new Case("nsmall", PgType.NUMERIC, new BigDecimal("0.00010"), new BigDecimal("0.00010"), false),
        new Case("nnan", PgType.NUMERIC, Double.NaN, "NaN", true),
        new Case("t", PgType.TEXT, "Grüße, 世界 😀 \"quoted\" \\ tab\t", "Grüße, 世界 😀 \"quoted\" \\ tab\t", false),
        new Case("tempty", PgType.TEXT, "", "", false),
        new Case("vc", PgType.varchar(5), "ab😀de", "ab😀de", false),
        new Case("by", PgType.BYTEA, bytes, bytes, false),
        new Case("d", PgType.DATE, LocalDate.of(1, 1, 1), LocalDate.of(1, 1, 1), false),
        new Case("dbc", PgType.DATE, LocalDate.of(-4712, 11, 24), "4713-11-24 BC", true),
        new Case("tm", PgType.TIME, LocalTime.of(23, 59, 59, 999_999_000), LocalTime.of(23, 59, 59, 999_999_000), false),
        new Case("ts", PgType.TIMESTAMP, LocalDateTime.of(2000, 2, 29, 12, 0, 0, 1000), LocalDateTime.of(2000, 2, 29, 12, 0, 0, 1000), false),
        new Case("tstz", PgType.TIMESTAMPTZ, instant, instant, false),
        new Case("tstzmax", PgType.TIMESTAMPTZ, Instant.parse("+294276-12-31T23:59:59.999999Z"),
            "294276-12-31 23:59:59.999999+00", true),
        new Case("uid", PgType.UUID, U, U, false),
        new Case("js", PgType.JSON, "{\"b\": 1,  \"a\": [1, 2]}", "{\"b\": 1,  \"a\": [1, 2]}", true),
        new Case("jsb", PgType.JSONB, "{\"a\": [1, 2], \"b\": \"é\"}", "{\"a\": [1, 2], \"b\": \"é\"}", true),
        new Case("ai4", PgType.arrayOf(PgType.INTEGER), Arrays.asList(1, null, 3), "{1,NULL,3}", true),
        new Case("ai8", PgType.arrayOf(PgType.BIGINT), new long[] {Long.MAX_VALUE}, "{9223372036854775807}", true),
        new Case("at", PgType.arrayOf(PgType.TEXT), new String[] {"a", "b c", null, ""}, "{a,\"b c\",NULL,\"\"}", true),
        new Case("avc", PgType.arrayOf(PgType.varchar(3)), List.of("xyz"), "{xyz}", true),
        new Case("an", PgType.arrayOf(PgType.numeric(5, 2)), List.of(new BigDecimal("1.5")), "{1.50}", true),
        new Case("abool", PgType.arrayOf(PgType.BOOLEAN), new boolean[] {true, false}, "{t,f}", true),
        new Case("af8", PgType.arrayOf(PgType.DOUBLE), new double[] {0.5}, "{0.5}", true),
        new Case("auuid", PgType.arrayOf(PgType.UUID), List.of(U), "{" + U + "}", true),
        new Case("ad", PgType.arrayOf(PgType.DATE), List.of(LocalDate.of(2024, 2, 29)), "{2024-02-29}", true),
        new Case("atstz", PgType.arrayOf(PgType.TIMESTAMPTZ), List.of(Instant.parse("2024-01-01T00:00:00.5Z")),
            "{\"2024-01-01 00:00:00.5+00\"}", true),
        new Case("ajsb", PgType.arrayOf(PgType.JSONB), List.of("{\"k\": 1}"), "{\"{\\\"k\\\": 1}\"}", true),
        new Case("aby", PgType.arrayOf(PgType.BYTEA), List.of(new byte[] {1, 2}), "{\"\\\\x0102\"}", true),
        new Case("aempty", PgType.arrayOf(PgType.INTEGER), List.of(), "{}", true));
  }

  @Test
  void everyTypeRoundTripsExactly() throws Exception {
    int major = target.majorVersion();
    List<Case> cases = new ArrayList<>(cases());
    TableSpec.Builder b = TableSpec.builder("all types").column("id", PgType.INTEGER);
    cases.forEach(c -> b.column(c.name(), c.type()));
    TableSpec spec = b.primaryKey("id").build();
    Object[] values = new Object[cases.size() + 1];
    values[0] = 1;
    for (int i = 0; i < cases.size(); i++) {
      values[i + 1] = cases.get(i).written();
    }
    Object[] nulls = new Object[cases.size() + 1];
    nulls[0] = 2;
    try (Destination dest = target.openDestination()) {
      for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.UPSERT)) {
        try (TableWriter w = dest.writer(spec, mode)) {
          if (mode == WriteMode.APPEND) {
            w.write(values);
            w.write(nulls);
          } else {
            w.write(values); // unchanged: the IS DISTINCT FROM comparison must work for every type
          }
          w.commit();
        }
      }
    }
    try (Connection c = target.adminConnection(); Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      try (ResultSet rs = st.executeQuery("SELECT * FROM types.\"all types\" ORDER BY id")) {
        assertThat(rs.next()).isTrue();
        for (Case k : cases) {
          Object actual = k.asText() ? textOf(c, k.name()) : read(rs, k);
          if (k.expected() instanceof byte[] e) {
            assertThat((byte[]) actual).as("%s on PostgreSQL %d", k.name(), major).isEqualTo(e);
          } else if (k.expected() instanceof BigDecimal e) {
            assertThat((BigDecimal) actual).as("%s on PostgreSQL %d", k.name(), major).isEqualTo(e);
          } else {
            assertThat(actual).as("%s on PostgreSQL %d", k.name(), major).isEqualTo(k.expected());
          }
        }
        assertThat(rs.next()).isTrue();
        for (Case k : cases) {
          assertThat(rs.getObject(k.name())).as("null %s on PostgreSQL %d", k.name(), major).isNull();
        }
      }
    }
  }

  private static Object read(ResultSet rs, Case k) throws Exception {
    String n = k.name();
    switch (k.type().kind()) {
      case DATE: return rs.getObject(n, LocalDate.class);
      case TIME: return rs.getObject(n, LocalTime.class);
      case TIMESTAMP: return rs.getObject(n, LocalDateTime.class);
      case TIMESTAMPTZ: return rs.getObject(n, OffsetDateTime.class).toInstant();
      case BYTEA: return rs.getBytes(n);
      case NUMERIC: return rs.getBigDecimal(n);
      default: return rs.getObject(n);
    }
  }

  private static String textOf(Connection c, String column) throws Exception {
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT \"" + column + "\"::text FROM types.\"all types\" WHERE id = 1")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
