package dev.pgdest.cli.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void durationsReadAsPeopleSayThem() {
    // The old loader printed PT0.52159S.
    assertThat(Durations.human(Duration.ofNanos(521_590_000))).isEqualTo("521 ms");
    assertThat(Durations.human(Duration.ofMillis(4_250))).isEqualTo("4.3 s");
    assertThat(Durations.human(Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
    assertThat(Durations.human(Duration.ofMinutes(62))).isEqualTo("1 h 02 min");
    assertThat(Durations.bytes(999)).isEqualTo("999 B");
    assertThat(Durations.bytes(12_345_678)).isEqualTo("12.3 MB");
  }

  @Test
  void keyCounterCountsRepeatsAndTheMostRepeatedKeys() {
    KeyCounter keys = new KeyCounter();
    for (int i = 0; i < 10_000; i++) {
      keys.add(KeyCounter.hash(new Object[] {(long) i % 4000}, new int[] {0}), i + 2);
    }
    assertThat(keys.distinct()).isEqualTo(4000);
    assertThat(keys.collapsed()).isEqualTo(6000);
    assertThat(keys.mostRepeated(2)).extracting(e -> e[0] + "x" + e[1]).containsExactly("2x3", "3x3");
  }
}
