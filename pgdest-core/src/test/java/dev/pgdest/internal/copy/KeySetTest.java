package dev.pgdest.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeySetTest {

  @Test
  void keySetReportsRepeatsOnly() {
    KeySet set = new KeySet();
    for (long i = 0; i < 10_000; i++) {
      assertThat(set.add(i * 7919)).isFalse();
    }
    assertThat(set.add(7919 * 5)).isTrue();
    assertThat(set.add(0)).as("zero seen once already").isTrue();
    set.clear();
    assertThat(set.add(7919 * 5)).isFalse();
  }
}
