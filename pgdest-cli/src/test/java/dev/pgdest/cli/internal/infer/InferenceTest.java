package dev.pgdest.cli.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.PgType;
import dev.pgdest.cli.internal.input.Token;
import org.junit.jupiter.api.Test;

class InferenceTest {

  private static PgType infer(Token token, String... values) {
    Inference inference = new Inference();
    for (String v : values) {
      inference.accept(0, v, token);
    }
    return inference.type(0);
  }

  @Test
  void integersWidenToBigintThenNumericThenText() {
    assertThat(infer(Token.BARE, "1", "-20")).isEqualTo(PgType.INTEGER);
    assertThat(infer(Token.BARE, "1", "3000000000")).isEqualTo(PgType.BIGINT);
    assertThat(infer(Token.BARE, "1", "3000000000", "2.5")).isEqualTo(PgType.NUMERIC);
    assertThat(infer(Token.BARE, "1", "99999999999999999999")).isEqualTo(PgType.NUMERIC);
    assertThat(infer(Token.BARE, "1", "2.5", "x")).isEqualTo(PgType.TEXT);
    assertThat(infer(Token.BARE, "1e5", ".5", "-0.25")).isEqualTo(PgType.NUMERIC);
  }

  @Test
  void leadingZerosStayText() {
    assertThat(infer(Token.BARE, "01234", "98765")).isEqualTo(PgType.TEXT);
    assertThat(infer(Token.BARE, "0", "10")).isEqualTo(PgType.INTEGER);
  }

  @Test
  void datesTimestampsAndZones() {
    assertThat(infer(Token.BARE, "2024-01-31")).isEqualTo(PgType.DATE);
    assertThat(infer(Token.BARE, "2024-01-31", "2024-01-31 10:00")).isEqualTo(PgType.TIMESTAMP);
    assertThat(infer(Token.BARE, "2024-01-31T10:00:00.123456Z", "2024-01-31 10:00:00+0530")).isEqualTo(PgType.TIMESTAMPTZ);
    assertThat(infer(Token.BARE, "2024-01-31", "2024-01-31T10:00:00Z")).isEqualTo(PgType.TEXT);
    assertThat(infer(Token.BARE, "2024-02-30")).as("no such day").isEqualTo(PgType.TEXT);
  }

  @Test
  void booleansUuidsAndJson() {
    assertThat(infer(Token.BARE, "true", "F", "t")).isEqualTo(PgType.BOOLEAN);
    assertThat(infer(Token.BARE, "8d3e6f1c-8f6b-4d0e-9c1a-2b3c4d5e6f70")).isEqualTo(PgType.UUID);
    assertThat(infer(Token.QUOTED, "{\"a\": 1}", "[1, 2]")).isEqualTo(PgType.JSONB);
    assertThat(infer(Token.QUOTED, "{\"a\": 1}", "{not json")).isEqualTo(PgType.TEXT);
    assertThat(infer(Token.QUOTED, "{\"a\": 1} trailing")).isEqualTo(PgType.TEXT);
  }

  @Test
  void jsonStringsNeverBecomeNumbersOrBooleans() {
    assertThat(infer(Token.JSON_STRING, "12", "34")).isEqualTo(PgType.TEXT);
    assertThat(infer(Token.JSON_STRING, "true")).isEqualTo(PgType.TEXT);
    assertThat(infer(Token.JSON_STRING, "2024-01-31")).isEqualTo(PgType.DATE);
    assertThat(infer(Token.JSON_NUMBER, "12", "1.5")).isEqualTo(PgType.NUMERIC);
  }

  @Test
  void aColumnWithoutValuesIsText() {
    assertThat(new Inference().type(3)).isEqualTo(PgType.TEXT);
  }

  @Test
  void nullLikeWordsThatKeepAColumnTextAreHinted() {
    Inference inference = new Inference();
    for (String v : new String[] {"1", "NA", "3", "NA", "n/a"}) {
      inference.accept(0, v, Token.BARE);
    }
    assertThat(inference.type(0)).isEqualTo(PgType.TEXT);
    assertThat(inference.nullHint(0, "age")).isEqualTo("column \"age\" would be integer but for 2 x \"NA\", 1 x \"n/a\" "
        + "in the sample: pass --null NA,n/a,\"\" to load them as NULL");
    Inference words = new Inference();
    words.accept(0, "NA", Token.BARE);
    words.accept(0, "hello", Token.BARE);
    assertThat(words.nullHint(0, "c")).isNull();
  }
}
