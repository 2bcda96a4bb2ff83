package dev.pgdest.cli.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TemporalsTest {

  /** What the loader used to send for a timestamptz text: the instant of the parsed OffsetDateTime. */
  private static Instant viaOffsetDateTime(String s) {
    OffsetDateTime t = Temporals.timestamptz(s);
    return t == null ? null : t.toInstant();
  }

  @Test
  void instantReadsWhatTimestamptzReadsOnEdgeCases() {
    String[] texts = {
        "2024-01-31 10:00:00+00", "2024-01-31T10:00:00Z", "2024-01-31 10:00Z", "2024-01-31 10:00 Z",
        "2024-01-31 10:00:00 -05:30", "2024-01-31 10:00:00-0530", "2024-01-31 10:00:00+05", "2024-01-31 10:00:00-00",
        "2024-02-29 23:59:59.999999999+18", "2024-02-29 23:59:59.9999999999+18", "2023-02-29 10:00+00",
        "2024-04-31 10:00+00", "2024-13-01 10:00+00", "2024-00-10 10:00+00", "2024-01-00 10:00+00",
        "0000-01-01 00:00:00Z", "0001-01-01 00:00:00.000001+00", "9999-12-31 23:59:59.999999-18:00",
        "2024-01-31 24:00:00+00", "2024-01-31 23:60:00+00", "2024-01-31 23:59:60+00", "2024-01-31 10:00:00+19",
        "2024-01-31 10:00:00+18:01", "2024-01-31 10:00:00-18:00", "2024-01-31 10:00:00+05:60", "2024-01-31 10:00:00",
        "2024-01-31 10:00:00.+00", "2024-01-31 10:00:00.5", "2024-01-31 10:00:00.5x", "2024-01-31 10:00:00+5",
        "2024-01-31 10:00:00+05:3", "2024-01-31 10:00:00+05:300", "2024-01-31x10:00:00Z", "2024-1-31 10:00:00Z",
        "2024-01-31 10:0:00Z", "-2024-01-31 10:00Z", "2024-01-31 10:00:00 ", "2024-01-31 10:00:00  Z", "", "Z",
        "1900-02-29 10:00Z", "2000-02-29 10:00Z", "1969-12-31 23:59:59.999999999Z", "1970-01-01 00:00:00+00:01",
    };
    for (String s : texts) {
      assertThat(Temporals.instant(s)).as(s).isEqualTo(viaOffsetDateTime(s));
    }
    assertThat(Temporals.instant("2024-01-31 10:00:00 -05:30")).isEqualTo(Instant.parse("2024-01-31T15:30:00Z"));
    assertThat(Temporals.instant("1969-12-31 23:59:59.25Z")).isEqualTo(Instant.parse("1969-12-31T23:59:59.25Z"));
  }

  @Test
  void instantReadsWhatTimestamptzReadsOnRandomTexts() {
    Random random = new Random(13);
    String[] separators = {"T", " ", "x"};
    String[] zones = {"Z", "+00", "-00", " +05:30", "-0945", "+18", "-18:00", "+18:30", "+14:60", "", "z", "+1"};
    for (int i = 0; i < 50_000; i++) {
      StringBuilder b = new StringBuilder();
      b.append(String.format("%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33)));
      b.append(separators[random.nextInt(separators.length)]);
      b.append(String.format("%02d:%02d", random.nextInt(26), random.nextInt(62)));
      if (random.nextBoolean()) {
        b.append(String.format(":%02d", random.nextInt(62)));
        if (random.nextBoolean()) {
          b.append('.').append(String.valueOf(random.nextLong() & Long.MAX_VALUE), 0, 1 + random.nextInt(10));
        }
      }
      b.append(zones[random.nextInt(zones.length)]);
      String s = b.toString();
      assertThat(Temporals.instant(s)).as(s).isEqualTo(viaOffsetDateTime(s));
    }
  }

  /** The uuid reading the loader used before the table of hex digits: one branch per character. */
  private static UUID uuidCharByChar(String s) {
    if (s.length() != 36) {
      return null;
    }
    long hi = 0;
    long lo = 0;
    int nibbles = 0;
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return null;
        }
        continue;
      }
      int v = Character.digit(c, 16);
      if (v < 0 || c > 'f') {
        return null;
      }
      if (nibbles++ < 16) {
        hi = (hi << 4) | v;
      } else {
        lo = (lo << 4) | v;
      }
    }
    return new UUID(hi, lo);
  }

  @Test
  void uuidReadsExactlyTheHexFormInAnyCase() {
    Random random = new Random(17);
    // Non-ASCII characters whose low seven bits are hex digits or a dash, and full-width digits,
    // which Character.digit would take.
    char[] odd = {'g', 'G', 'x', ' ', '\u00b1', '\u00c1', '\u00ad', '\u0661', '\uff11', '\uff41', '/', ':', '@', '`'};
    char[] hex = "0123456789abcdefABCDEF".toCharArray();
    for (int i = 0; i < 50_000; i++) {
      char[] t = new UUID(random.nextLong(), random.nextLong()).toString().toCharArray();
      for (int k = 0; k < t.length; k++) {
        if (t[k] != '-' && random.nextInt(4) == 0) {
          t[k] = hex[random.nextInt(hex.length)];
        }
      }
      if (random.nextInt(3) == 0) {
        t[random.nextInt(t.length)] = odd[random.nextInt(odd.length)];
      }
      String s = new String(t);
      assertThat(Temporals.uuid(s)).as(s).isEqualTo(uuidCharByChar(s));
    }
    assertThat(Temporals.uuid("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")).isEqualTo(new UUID(-1L, -1L));
    assertThat(Temporals.uuid("00000000-0000-0000-0000-000000000000")).isEqualTo(new UUID(0L, 0L));
    assertThat(Temporals.uuid("8d3e6f1c-8f6b-4d0e-9c1a-2b3c4d5e6f7")).isNull();
    assertThat(Temporals.uuid("8d3e6f1c-8f6b-4d0e-9c1a-2b3c4d5e6f700")).isNull();
    assertThat(Temporals.uuid("8d3e6f1c8f6b-4d0e-9c1a-2b3c4d5e6f70-")).isNull();
  }
}
