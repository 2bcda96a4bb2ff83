package dev.pgdest.cli.internal.infer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.pgdest.PgType;
import dev.pgdest.cli.internal.input.Token;
import java.io.IOException;

/**
 * The types a value may become, as bits, narrowest first. A column's type is the narrowest type
 * every sampled value fits: integer, then bigint, then numeric, then text; a date fits a
 * timestamp column too; text fits everything.
 */
final class Candidates {
  static final int BOOLEAN = 1;
  static final int INTEGER = 1 << 1;
  static final int BIGINT = 1 << 2;
  static final int NUMERIC = 1 << 3;
  static final int DATE = 1 << 4;
  static final int TIMESTAMP = 1 << 5;
  static final int TIMESTAMPTZ = 1 << 6;
  static final int UUID = 1 << 7;
  static final int JSONB = 1 << 8;
  static final int TEXT = 1 << 9;
  static final int ALL = (TEXT << 1) - 1;

  private static final PgType[] TYPES = {PgType.BOOLEAN, PgType.INTEGER, PgType.BIGINT, PgType.NUMERIC, PgType.DATE,
      PgType.TIMESTAMP, PgType.TIMESTAMPTZ, PgType.UUID, PgType.JSONB, PgType.TEXT};

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private Candidates() {}

  /** The narrowest type in {@code mask}. */
  static PgType narrowest(int mask) {
    return TYPES[Integer.numberOfTrailingZeros(mask & ALL)];
  }

  /** The types a non-null value of this token may become. */
  static int of(String text, Token token) {
    switch (token) {
      case JSON_BOOLEAN:
        return BOOLEAN | TEXT;
      case JSON_NUMBER:
        return number(text);
      case JSON_STRUCTURE:
        return JSONB | TEXT;
      case JSON_STRING:
        return temporalOrUuid(text);
      default:
        break;
    }
    String t = text.strip();
    if (t.isEmpty()) {
      return TEXT;
    }
    char c = t.charAt(0);
    if (c == '{' || c == '[') {
      return isJson(t) ? JSONB | TEXT : TEXT;
    }
    if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false") || t.equalsIgnoreCase("t")
        || t.equalsIgnoreCase("f")) {
      return BOOLEAN | TEXT;
    }
    if (!t.equals(text)) {
      return TEXT;
    }
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
      int n = number(t);
      if (n != TEXT) {
        return n;
      }
    }
    return temporalOrUuid(t);
  }

  /**
   * Integers without leading zeros (a zip code "01234" is text, so integers print back as read),
   * or decimals {@code [-+][digits][.digits][e[-+]digits]}; scanned by hand, as this runs for every
   * sampled value.
   */
  private static int number(String t) {
    int n = t.length();
    int i = n > 0 && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
    int intStart = i;
    while (i < n && isDigit(t.charAt(i))) {
      i++;
    }
    int intDigits = i - intStart;
    if (intDigits > 1 && t.charAt(intStart) == '0') {
      return TEXT;
    }
    if (i == n) {
      return intDigits == 0 ? TEXT : integer(t, intDigits);
    }
    int fracDigits = 0;
    if (t.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
        fracDigits++;
      }
      if (fracDigits == 0) {
        return TEXT;
      }
    }
    if (intDigits + fracDigits == 0) {
      return TEXT;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
        i++;
      }
      int expStart = i;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
      }
      if (i == expStart || i - expStart > 4) {
        return TEXT;
      }
    }
    return i == n ? NUMERIC | TEXT : TEXT;
  }

  private static int integer(String t, int digits) {
    if (digits <= 18) {
      long v = Long.parseLong(t);
      return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? INTEGER | BIGINT | NUMERIC | TEXT
          : BIGINT | NUMERIC | TEXT;
    }
    try {
      Long.parseLong(t);
      return BIGINT | NUMERIC | TEXT;
    } catch (NumberFormatException e) {
      return NUMERIC | TEXT;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int temporalOrUuid(String t) {
    int n = t.length();
    if (n == 10 && Temporals.date(t) != null) {
      return DATE | TIMESTAMP | TEXT;
    }
    if (n >= 16 && n <= 36 && Character.isDigit(t.charAt(0))) {
      if (Temporals.timestamp(t) != null) {
        return TIMESTAMP | TEXT;
      }
      if (Temporals.timestamptz(t) != null) {
        return TIMESTAMPTZ | TEXT;
      }
    }
    if (Temporals.isUuid(t)) {
      return UUID | TEXT;
    }
    return TEXT;
  }

  /** Whether {@code t} is exactly one valid JSON value. */
  static boolean isJson(String t) {
    try (JsonParser p = JSON.createParser(t)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
