package dev.pgdest.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlTest {

  @Test
  void quotesIdentifiersAndDoublesDoubleQuotes() {
    assertThat(Sql.ident("users")).isEqualTo("\"users\"");
    assertThat(Sql.ident("My \"odd\" name")).isEqualTo("\"My \"\"odd\"\" name\"");
  }

  @Test
  void quotesLiteralsAndDoublesOnlySingleQuotes() {
    assertThat(Sql.literal("it's a \\ path")).isEqualTo("'it''s a \\ path'");
  }

  @Test
  void rejectsEmptyIdentifiersAndNulCharacters() {
    assertThatThrownBy(() -> Sql.ident("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sql.ident("a\0b")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> Sql.literal("a\0b")).hasMessageContaining("NUL");
  }
}
