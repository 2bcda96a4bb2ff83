package dev.pgdest.cli.internal.infer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.pgdest.PgType;
import dev.pgdest.cli.internal.input.Token;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns a field's text into the Java value its column type takes. A text that does not fit throws
 * {@link NotConvertible} with the reason, never the value. Stateless and thread-safe.
 */
public final class Converters {
  private Converters() {}

  /** A value that does not fit its column type. */
  public static final class NotConvertible extends Exception {
    private static final long serialVersionUID = 1L;

    NotConvertible(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The value of {@code text} for a column of {@code type}.
   *
   * @throws NotConvertible naming what was expected
   */
  public static Object convert(PgType type, String text, Token token) throws NotConvertible {
    switch (type.kind()) {
      case TEXT:
        return text;
      case VARCHAR:
        if (text.codePointCount(0, text.length()) > type.precisionOrLength()) {
          throw new NotConvertible("longer than " + type.precisionOrLength() + " characters");
        }
        return text;
      case BOOLEAN:
        return bool(text.strip());
      case SMALLINT:
        return (short) integer(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
      case INTEGER:
        return (int) integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
      case BIGINT:
        return integer(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
      case NUMERIC:
        return numeric(text.strip(), type);
      case REAL:
        return (float) floating(text);
      case DOUBLE:
        return floating(text);
      case DATE:
        return require(date(text.strip()), "not a date (yyyy-mm-dd)");
      case TIME:
        try {
          return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
          throw new NotConvertible("not a time (hh:mm[:ss[.ffffff]])");
        }
      case TIMESTAMP:
        String t = text.strip();
        if (t.length() == 10) {
          LocalDate d = date(t);
          if (d != null) {
            return d.atStartOfDay();
          }
        }
        return require(timestamp(t), "not a timestamp without time zone (yyyy-mm-dd hh:mm[:ss[.ffffff]])");
      case TIMESTAMPTZ:
        return require(Temporals.instant(text.strip()), "not a timestamp with a time zone (yyyy-mm-dd hh:mm[:ss]+hh[:mm] or Z)");
      case UUID:
        return require(Temporals.uuid(text.strip()), "not a uuid");
      case JSON:
      case JSONB:
        return json(text, token);
      case BYTEA:
        return bytea(text);
      default:
        throw new NotConvertible("the command line cannot load " + type.sqlName() + " columns");
    }
  }

  private static Boolean bool(String t) throws NotConvertible {
    if (t.equals("true") || t.equals("t")) {
      return Boolean.TRUE;
    }
    if (t.equals("false") || t.equals("f")) {
      return Boolean.FALSE;
    }
    switch (t.toLowerCase(Locale.ROOT)) {
      case "true": case "t": case "yes": case "y": case "1":
        return Boolean.TRUE;
      case "false": case "f": case "no": case "n": case "0":
        return Boolean.FALSE;
      default:
        throw new NotConvertible("not a boolean (true/false, t/f, yes/no, 1/0)");
    }
  }

  private static long integer(String text, long min, long max, String name) throws NotConvertible {
    long v;
    try {
      v = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new NotConvertible("not an integer, or beyond the range of " + name);
    }
    if (v < min || v > max) {
      throw new NotConvertible("beyond the range of " + name);
    }
    return v;
  }

  private static BigDecimal numeric(String t, PgType type) throws NotConvertible {
    BigDecimal v = shortDecimal(t);
    if (v == null) {
      try {
        v = new BigDecimal(t);
      } catch (NumberFormatException e) {
        throw new NotConvertible("not a number");
      }
    }
    // PostgreSQL's numeric holds up to 131072 digits before the point and 16383 after.
    if (v.precision() - v.scale() > 131072 || v.scale() > 16383) {
      throw new NotConvertible("beyond the range of numeric");
    }
    if (type.scale() >= 0) {
      v = v.setScale(type.scale(), RoundingMode.HALF_UP);
      if (v.precision() - v.scale() > type.precisionOrLength() - type.scale()) {
        throw new NotConvertible("too many digits for " + type.sqlName());
      }
    }
    return v;
  }

  /** {@code [-]digits[.digits]} of at most 18 digits without parsing a BigDecimal, or null. */
  private static BigDecimal shortDecimal(String t) {
    int n = t.length();
    int i = n > 0 && t.charAt(0) == '-' ? 1 : 0;
    if (n - i > 19 || i == n) {
      return null;
    }
    long unscaled = 0;
    int scale = -1;
    int digits = 0;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        unscaled = unscaled * 10 + (c - '0');
        digits++;
        if (scale >= 0) {
          scale++;
        }
      } else if (c == '.' && scale < 0) {
        scale = 0;
      } else {
        return null;
      }
    }
    if (digits == 0 || digits > 18 || scale == 0) {
      return null;
    }
    return BigDecimal.valueOf(t.charAt(0) == '-' ? -unscaled : unscaled, Math.max(scale, 0));
  }

  private static double floating(String text) throws NotConvertible {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new NotConvertible("not a floating-point number");
    }
  }

  private static Object json(String text, Token token) throws NotConvertible {
    if (token == Token.JSON_STRING) {
      return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
    if (token != Token.JSON_STRUCTURE && token != Token.JSON_NUMBER && token != Token.JSON_BOOLEAN
        && !Candidates.isJson(text)) {
      throw new NotConvertible("not valid JSON");
    }
    return text;
  }

  private static byte[] bytea(String text) throws NotConvertible {
    String t = text.strip();
    if (!t.startsWith("\\x")) {
      throw new NotConvertible("not a bytea in hex form (\\x...)");
    }
    try {
      return HexFormat.of().parseHex(t, 2, t.length());
    } catch (IllegalArgumentException e) {
      throw new NotConvertible("not a bytea in hex form (\\x...)");
    }
  }

  private static <T> T require(T value, String reason) throws NotConvertible {
    if (value == null) {
      throw new NotConvertible(reason);
    }
    return value;
  }

  /** The date of {@code yyyy-mm-dd}, or null. */
  static LocalDate date(String t) {
    return Temporals.date(t);
  }

  /** The timestamp of {@code yyyy-mm-dd[T ]hh:mm[:ss[.f]]}, or null. */
  static LocalDateTime timestamp(String t) {
    return Temporals.timestamp(t);
  }
}
