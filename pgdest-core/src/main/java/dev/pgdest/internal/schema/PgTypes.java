package dev.pgdest.internal.schema;

import dev.pgdest.PgType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the types {@code format_type()} prints and decides which changes are safe widenings. */
public final class PgTypes {
  private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
  private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
  private static final Pattern TS = Pattern.compile("timestamp\\(\\d\\) with(out)? time zone");
  private static final Pattern TIME = Pattern.compile("time\\(\\d\\) without time zone");

  private PgTypes() {}

  /** The type of a {@code format_type()} string, or null when pgdest cannot write it. */
  public static PgType parse(String formatted) {
    if (formatted.endsWith("[]")) {
      PgType element = parse(formatted.substring(0, formatted.length() - 2));
      return element == null ? null : PgType.arrayOf(element);
    }
    switch (formatted) {
      case "boolean": return PgType.BOOLEAN;
      case "smallint": return PgType.SMALLINT;
      case "integer": return PgType.INTEGER;
      case "bigint": return PgType.BIGINT;
      case "real": return PgType.REAL;
      case "double precision": return PgType.DOUBLE;
      case "numeric": return PgType.NUMERIC;
      // An unbounded varchar behaves like text and has the same binary format.
      case "text": case "character varying": return PgType.TEXT;
      case "bytea": return PgType.BYTEA;
      case "date": return PgType.DATE;
      case "time without time zone": return PgType.TIME;
      case "timestamp without time zone": return PgType.TIMESTAMP;
      case "timestamp with time zone": return PgType.TIMESTAMPTZ;
      case "uuid": return PgType.UUID;
      case "json": return PgType.JSON;
      case "jsonb": return PgType.JSONB;
      default: break;
    }
    Matcher m = NUMERIC.matcher(formatted);
    if (m.matches()) {
      return PgType.numeric(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    m = VARCHAR.matcher(formatted);
    if (m.matches()) {
      return PgType.varchar(Integer.parseInt(m.group(1)));
    }
    if (TS.matcher(formatted).matches()) {
      return formatted.contains("without") ? PgType.TIMESTAMP : PgType.TIMESTAMPTZ;
    }
    if (TIME.matcher(formatted).matches()) {
      return PgType.TIME;
    }
    return null;
  }

  /** Digits before the point an integer type can need. */
  private static int integerDigits(PgType t) {
    switch (t.kind()) {
      case SMALLINT: return 5;
      case INTEGER: return 10;
      case BIGINT: return 19;
      default: return -1;
    }
  }

  /**
   * Whether every value of {@code from} fits {@code to} unchanged, so that a column of type
   * {@code from} may be altered to {@code to} (or a column of type {@code to} accepts values of
   * {@code from}). Equal types widen.
   */
  public static boolean widens(PgType from, PgType to) {
    if (from.equals(to)) {
      return true;
    }
    PgType.Kind f = from.kind();
    PgType.Kind t = to.kind();
    if (f == PgType.Kind.ARRAY || t == PgType.Kind.ARRAY) {
      // varchar(n)[] to text[] is the one array widening: same element binary format.
      return f == t && (to.elementType().equals(PgType.TEXT) && from.elementType().kind() == PgType.Kind.VARCHAR);
    }
    int fi = integerDigits(from);
    if (fi > 0) {
      if (integerDigits(to) > 0) {
        return integerDigits(to) >= fi;
      }
      return t == PgType.Kind.NUMERIC && (to.precisionOrLength() < 0 || to.precisionOrLength() - to.scale() >= fi);
    }
    switch (f) {
      case REAL: return t == PgType.Kind.DOUBLE;
      case NUMERIC:
        return t == PgType.Kind.NUMERIC && from.precisionOrLength() >= 0 && (to.precisionOrLength() < 0
            || (to.scale() >= from.scale()
                && to.precisionOrLength() - to.scale() >= from.precisionOrLength() - from.scale()));
      case VARCHAR:
        return t == PgType.Kind.TEXT || (t == PgType.Kind.VARCHAR && to.precisionOrLength() >= from.precisionOrLength());
      case TIMESTAMP: return t == PgType.Kind.TIMESTAMPTZ;
      case JSON: return t == PgType.Kind.JSONB;
      default: return false;
    }
  }

  /** The USING expression of {@code ALTER COLUMN ... TYPE} for a widening of a quoted column. */
  public static String usingExpression(String quotedColumn, PgType from, PgType to) {
    if (from.kind() == PgType.Kind.TIMESTAMP && to.kind() == PgType.Kind.TIMESTAMPTZ) {
      // Naive timestamps are read as UTC, whatever the session's TimeZone.
      return quotedColumn + " AT TIME ZONE 'UTC'";
    }
    return quotedColumn + "::" + to.sqlName();
  }
}
