package dev.pgdest.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTest {

  @Test
  void identifiersAreAlwaysQuotedAndQuotesDoubled() {
    assertThat(Sql.ident("users")).isEqualTo("\"users\"");
    assertThat(Sql.ident("Acme Sync")).isEqualTo("\"Acme Sync\"");
    assertThat(Sql.ident("my \"table\"")).isEqualTo("\"my \"\"table\"\"\"");
    assertThat(Sql.ident("select")).isEqualTo("\"select\"");
    assertThat(Sql.ident("\u00e9t\u00e9")).isEqualTo("\"\u00e9t\u00e9\"");
  }

  @Test
  void nulIsRefusedInIdentifiersAndLiterals() {
    assertThatThrownBy(() -> Sql.ident("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sql.literal("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sql.ident("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void qualifiedAndListedNames() {
    assertThat(Sql.qualified("acme", "Users")).isEqualTo("\"acme\".\"Users\"");
    assertThat(Sql.idents(List.of("id", "e\"mail"))).isEqualTo("\"id\", \"e\"\"mail\"");
  }

  @Test
  void literalsEscapeQuotesAndBackslashesWhateverStandardConformingStringsIs() {
    assertThat(Sql.literal("it's")).isEqualTo("E'it''s'");
    assertThat(Sql.literal("a\\b")).isEqualTo("E'a\\\\b'");
    assertThat(Sql.literal("")).isEqualTo("E''");
  }
}
