package dev.pgdest.internal.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void delaysDoubleWithHalfOfEachAsJitter() {
    RetryPolicy low = new RetryPolicy(5, Duration.ofMillis(100), () -> 0);
    RetryPolicy high = new RetryPolicy(5, Duration.ofMillis(100), () -> Long.MAX_VALUE - 1);
    assertThat(low.delayMillis(1)).isEqualTo(50);
    assertThat(low.delayMillis(3)).isEqualTo(200);
    assertThat(high.delayMillis(3)).isBetween(200L, 400L);
  }

  @Test
  void delaysAreCappedAndAttemptsBounded() {
    RetryPolicy p = new RetryPolicy(3, Duration.ofSeconds(10), () -> 0);
    assertThat(p.delayMillis(40)).isEqualTo(RetryPolicy.MAX_DELAY_MILLIS / 2);
    assertThat(p.allows(2)).isTrue();
    assertThat(p.allows(3)).isFalse();
    assertThat(new RetryPolicy(0, Duration.ZERO).allows(0)).as("no retries configured").isFalse();
  }
}
