package dev.pgdest.cli.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.PgType;
import dev.pgdest.cli.internal.infer.Converters;
import dev.pgdest.cli.internal.input.Token;
import org.junit.jupiter.api.Test;

class KeyCounterTest {

  private static Object[] row(String timestamptz) throws Converters.NotConvertible {
    return new Object[] {Converters.convert(PgType.TIMESTAMPTZ, timestamptz, Token.BARE)};
  }

  // Regression: one instant written with two offsets was counted as two keys, though the server
  // stores one timestamptz value and collapses the rows.
  @Test
  void aTimestamptzKeyIsTheInstantWhateverItsOffset() throws Exception {
    int[] key = {0};
    KeyCounter keys = new KeyCounter();
    keys.add(KeyCounter.hash(row("2024-01-31 10:00Z"), key), 2);
    keys.add(KeyCounter.hash(row("2024-01-31 11:00+01"), key), 3);
    keys.add(KeyCounter.hash(row("2024-01-31 10:00:00.000001Z"), key), 4);
    assertThat(keys.distinct()).isEqualTo(2);
    assertThat(keys.collapsed()).isEqualTo(1);
  }
}
