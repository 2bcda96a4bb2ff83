package dev.pgdest.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSyntaxTest {

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[]", "0", "-0.5e+10", "1E3", "true", "null", " \t\n\r{\"a\": [1, 2.5, \"x\"]} ",
      "\"\\u00e9\\ud83d\\ude00\\\\\\/\\b\\f\\n\\r\\t\"", "{\"k\": {\"n\": [[], {}]}}", "\"\u0000\""})
  void whatTheServerAcceptsPasses(String json) {
    assertThat(JsonSyntax.problem(json)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "{", "{\"k\": SECRET}", "[1,]", "{\"a\" 1}", "{a: 1}", "01", "1.", ".5", "-", "1e",
      "tru", "True", "nul", "\"open", "\"\\x\"", "\"\\u12\"", "'single'", "1 2", "{} x", "\"tab\there\"", "NaN"})
  void whatTheServerRefusesIsRefusedWithoutTheValue(String json) {
    String problem = JsonSyntax.problem(json);
    assertThat(problem).as(json).isNotNull().startsWith("is not valid JSON").doesNotContain("SECRET");
  }

  @Test
  void escapesOnlyJsonbCannotStoreAreLeftToTheNulPolicy() {
    for (String json : new String[] {"\"\\u0000\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83dx\""}) {
      assertThat(JsonSyntax.problem(json)).as(json).isNull();
    }
  }

  @Test
  void deepNestingIsLeftToTheServer() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(JsonSyntax.problem(deep)).isNull();
  }
}
