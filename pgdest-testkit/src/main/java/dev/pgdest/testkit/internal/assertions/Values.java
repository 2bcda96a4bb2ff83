package dev.pgdest.testkit.internal.assertions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Loose equality between an expected Java value and the value read back from PostgreSQL: numbers
 * by value, moments by instant, byte arrays by content, lists element by element, and a string
 * against the text form of a value (for example a UUID).
 *
 * <p>Stateless and thread-safe.
 *
 * <p>{@code Values.same(1, 1L)} is true.
 */
public final class Values {

  private Values() {}

  /** Whether two rows have the same length and pairwise {@link #same} values. */
  public static boolean sameRow(List<?> expected, List<?> actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!same(expected.get(i), actual.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code actual} (read from the server) is what {@code expected} describes. */
  public static boolean same(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof Number && actual instanceof Number) {
      return sameNumber((Number) expected, (Number) actual);
    }
    if (actual instanceof OffsetDateTime) {
      Instant a = ((OffsetDateTime) actual).toInstant();
      if (expected instanceof Instant) {
        return a.equals(expected);
      }
      if (expected instanceof OffsetDateTime) {
        return a.equals(((OffsetDateTime) expected).toInstant());
      }
      if (expected instanceof ZonedDateTime) {
        return a.equals(((ZonedDateTime) expected).toInstant());
      }
    }
    if (expected instanceof byte[] && actual instanceof byte[]) {
      return Arrays.equals((byte[]) expected, (byte[]) actual);
    }
    if (expected instanceof Object[]) {
      expected = Arrays.asList((Object[]) expected);
    }
    if (expected instanceof List && actual instanceof List) {
      return sameRow((List<?>) expected, (List<?>) actual);
    }
    if (expected instanceof String && !(actual instanceof String)) {
      return expected.equals(actual.toString());
    }
    return Objects.equals(expected, actual);
  }

  private static boolean sameNumber(Number e, Number a) {
    if (e instanceof Double || e instanceof Float || a instanceof Double || a instanceof Float) {
      return Double.compare(e.doubleValue(), a.doubleValue()) == 0;
    }
    return new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) == 0;
  }
}
