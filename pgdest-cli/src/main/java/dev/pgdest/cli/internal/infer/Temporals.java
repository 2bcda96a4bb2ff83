package dev.pgdest.cli.internal.infer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads ISO dates and timestamps by hand, digit by digit: {@code yyyy-mm-dd}, then {@code T} or a
 * space, {@code hh:mm[:ss[.f{1,9}]]}, then for a zone {@code Z} or {@code +hh[[:]mm]} (a space
 * before it allowed). Ten times faster than a regular expression and {@code DateTimeFormatter},
 * which matters at a million rows. Each method returns null for anything else. Thread-safe.
 */
final class Temporals {
  private Temporals() {}

  static LocalDate date(String s) {
    return s.length() == 10 ? date(s, 0) : null;
  }

  static LocalDateTime timestamp(String s) {
    int end = timeEnd(s);
    return end == s.length() ? dateTime(s, end) : null;
  }

  static OffsetDateTime timestamptz(String s) {
    int end = timeEnd(s);
    if (end < 0 || end == s.length()) {
      return null;
    }
    LocalDateTime local = dateTime(s, end);
    int z = s.charAt(end) == ' ' ? end + 1 : end;
    ZoneOffset offset = offset(s, z);
    return local == null || offset == null ? null : OffsetDateTime.of(local, offset);
  }

  /**
   * The instant {@link #timestamptz} reads, for the same texts, without its four intermediate
   * objects: the loading side only needs the point in time, as PostgreSQL stores it.
   */
  static Instant instant(String s) {
    int end = timeEnd(s);
    if (end < 0 || end == s.length()) {
      return null;
    }
    LocalDate d = date(s, 0);
    int hour = num(s, 11, 2);
    int minute = num(s, 14, 2);
    int second = end > 16 ? num(s, 17, 2) : 0;
    int z = s.charAt(end) == ' ' ? end + 1 : end;
    int offset = offsetMinutes(s, z);
    if (d == null || hour > 23 || minute > 59 || second > 59 || offset == NO_OFFSET) {
      return null;
    }
    return Instant.ofEpochSecond(d.toEpochDay() * 86_400 + hour * 3600 + minute * 60 + second - offset * 60L,
        nanos(s, end));
  }

  /** Where the time part ends (the index after its last digit), or -1 when there is none. */
  private static int timeEnd(String s) {
    int n = s.length();
    if (n < 16 || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(13) != ':' || !digits(s, 11, 2)
        || !digits(s, 14, 2)) {
      return -1;
    }
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      if (!digits(s, i + 1, 2)) {
        return -1;
      }
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        int f = i + 1;
        while (f < n && f - i <= 9 && isDigit(s.charAt(f))) {
          f++;
        }
        if (f == i + 1 || (f < n && isDigit(s.charAt(f)))) {
          return -1;
        }
        i = f;
      }
    }
    return i;
  }

  private static LocalDateTime dateTime(String s, int end) {
    LocalDate d = date(s, 0);
    if (d == null || end < 0) {
      return null;
    }
    int hour = num(s, 11, 2);
    int minute = num(s, 14, 2);
    int second = end > 16 ? num(s, 17, 2) : 0;
    try {
      return LocalDateTime.of(d, LocalTime.of(hour, minute, second, nanos(s, end)));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The fraction of a second of a time part ending at {@code end}, in nanoseconds. */
  private static int nanos(String s, int end) {
    int nanos = 0;
    if (end > 20) {
      for (int i = 20; i < 29; i++) {
        nanos = nanos * 10 + (i < end ? s.charAt(i) - '0' : 0);
      }
    }
    return nanos;
  }

  private static LocalDate date(String s, int at) {
    if (s.length() < at + 10 || s.charAt(at + 4) != '-' || s.charAt(at + 7) != '-' || !digits(s, at, 4)
        || !digits(s, at + 5, 2) || !digits(s, at + 8, 2)) {
      return null;
    }
    try {
      return LocalDate.of(num(s, at, 4), num(s, at + 5, 2), num(s, at + 8, 2));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static ZoneOffset offset(String s, int at) {
    int total = offsetMinutes(s, at);
    if (total == NO_OFFSET) {
      return null;
    }
    if (total == 0) {
      return ZoneOffset.UTC;
    }
    // ZoneOffset caches only quarter hours, behind a ConcurrentHashMap: this array is cheaper.
    ZoneOffset z = OFFSETS[total + 18 * 60];
    if (z == null) {
      z = ZoneOffset.ofTotalSeconds(total * 60);
      OFFSETS[total + 18 * 60] = z;
    }
    return z;
  }

  /** What {@link #offsetMinutes} returns for a text that is not {@code Z} or {@code +hh[[:]mm]}. */
  private static final int NO_OFFSET = Integer.MIN_VALUE;

  /** The offset from UTC that the rest of {@code s} from {@code at} spells, in minutes, or {@link #NO_OFFSET}. */
  private static int offsetMinutes(String s, int at) {
    int n = s.length() - at;
    if (n == 1 && s.charAt(at) == 'Z') {
      return 0;
    }
    char sign = n >= 3 ? s.charAt(at) : 0;
    if ((sign != '+' && sign != '-') || !digits(s, at + 1, 2)) {
      return NO_OFFSET;
    }
    int minutes;
    if (n == 3) {
      minutes = 0;
    } else if (n == 5 && digits(s, at + 3, 2)) {
      minutes = num(s, at + 3, 2);
    } else if (n == 6 && s.charAt(at + 3) == ':' && digits(s, at + 4, 2)) {
      minutes = num(s, at + 4, 2);
    } else {
      return NO_OFFSET;
    }
    int hours = num(s, at + 1, 2);
    if (hours > 18 || minutes > 59 || (hours == 18 && minutes > 0)) {
      return NO_OFFSET;
    }
    return (sign == '+' ? 1 : -1) * (hours * 60 + minutes);
  }

  /** Offsets by minutes from -18:00; racy but safe: any thread may fill a slot with an equal value. */
  private static final ZoneOffset[] OFFSETS = new ZoneOffset[36 * 60 + 1];

  private static boolean digits(String s, int at, int count) {
    if (at + count > s.length()) {
      return false;
    }
    for (int i = at; i < at + count; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int num(String s, int at, int count) {
    int v = 0;
    for (int i = at; i < at + count; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  /** Whether {@code s} is a uuid in its 8-4-4-4-12 hex form. */
  static boolean isUuid(String s) {
    return uuid(s) != null;
  }

  /**
   * The uuid {@code s} spells in its 8-4-4-4-12 hex form, or null: one pass through a table of hex
   * digits, no regular expression and no branch per digit (random hex digits defeat branch
   * prediction: this was the dearest value of a load's row).
   */
  static java.util.UUID uuid(String s) {
    if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
      return null;
    }
    long a = hex(s, 0, 8);
    long b = hex(s, 9, 4);
    long c = hex(s, 14, 4);
    long d = hex(s, 19, 4);
    long e = hex(s, 24, 12);
    if ((a | b | c | d | e) < 0) {
      return null;
    }
    return new java.util.UUID(a << 32 | b << 16 | c, d << 48 | e);
  }

  /** The value of {@code count} (at most 15) hex digits of {@code s} from {@code at}, or -1. */
  private static long hex(String s, int at, int count) {
    long v = 0;
    int bad = 0;
    for (int i = at; i < at + count; i++) {
      char ch = s.charAt(i);
      // -1 for anything outside ASCII, whatever its low seven bits say.
      int digit = HEX[ch & 0x7f] | ((0x7f - ch) >> 31);
      bad |= digit;
      v = (v << 4) | (digit & 0xf);
    }
    return bad < 0 ? -1 : v;
  }

  /** Each ASCII character's value as a hex digit, or -1. */
  private static final byte[] HEX = new byte[128];

  static {
    java.util.Arrays.fill(HEX, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX['a' + i] = (byte) (10 + i);
      HEX['A' + i] = (byte) (10 + i);
    }
  }
}
