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
    assertThat(set.contains(7919 * 9_999)).isTrue();
    assertThat(set.contains(7919 * 10_000)).isFalse();
    assertThat(set.contains(0)).isTrue();
    set.clear();
    assertThat(set.contains(7919 * 5)).isFalse();
    assertThat(set.contains(0)).isFalse();
    assertThat(set.add(7919 * 5)).isFalse();
  }
}
