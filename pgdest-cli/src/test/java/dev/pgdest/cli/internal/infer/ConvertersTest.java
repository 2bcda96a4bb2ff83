package dev.pgdest.cli.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.PgType;
import dev.pgdest.cli.internal.input.Token;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConvertersTest {

  private static Object convert(PgType type, String text) throws Converters.NotConvertible {
    return Converters.convert(type, text, Token.BARE);
  }

  @Test
  void convertsEachInferredType() throws Exception {
    assertThat(convert(PgType.INTEGER, "42")).isEqualTo(42);
    assertThat(convert(PgType.BIGINT, "3000000000")).isEqualTo(3_000_000_000L);
    assertThat(convert(PgType.NUMERIC, "2.50")).isEqualTo(new BigDecimal("2.50"));
    for (String n : new String[] {"-0.001", "12", "-7", "123456789012345678", "1234567890123456789", "1e3", ".5", "5."}) {
      assertThat(convert(PgType.NUMERIC, n)).as(n).isEqualTo(new BigDecimal(n));
    }
    assertThat(convert(PgType.numeric(5, 1), "2.25")).isEqualTo(new BigDecimal("2.3"));
    assertThat(convert(PgType.BOOLEAN, "Yes")).isEqualTo(true);
    assertThat(convert(PgType.DATE, "2024-01-31")).isEqualTo(LocalDate.of(2024, 1, 31));
    assertThat(convert(PgType.TIMESTAMP, "2024-01-31")).isEqualTo(LocalDateTime.of(2024, 1, 31, 0, 0));
    assertThat(convert(PgType.TIMESTAMP, "2024-01-31T10:11:12.5")).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 11, 12,
        500_000_000));
    assertThat(convert(PgType.TIMESTAMPTZ, "2024-01-31 10:00:00 -05:30"))
        .isEqualTo(OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.ofHoursMinutes(-5, -30)).toInstant());
    assertThat(convert(PgType.TIMESTAMPTZ, "2024-01-31 10:00+02")).isEqualTo(OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 0,
        ZoneOffset.ofHours(2)).toInstant());
    assertThat(convert(PgType.UUID, "8D3E6F1C-8F6B-4D0E-9C1A-2B3C4D5E6F70"))
        .isEqualTo(UUID.fromString("8d3e6f1c-8f6b-4d0e-9c1a-2b3c4d5e6f70"));
    assertThat(convert(PgType.BYTEA, "\\x00ff")).isEqualTo(new byte[] {0, (byte) 0xff});
  }

  @Test
  void jsonStringsAreQuotedForAJsonbColumn() throws Exception {
    assertThat(Converters.convert(PgType.JSONB, "say \"hi\"", Token.JSON_STRING)).isEqualTo("\"say \\\"hi\\\"\"");
    assertThat(Converters.convert(PgType.JSONB, "5", Token.JSON_NUMBER)).isEqualTo("5");
  }

  @Test
  void aValueThatDoesNotFitSaysWhatWasExpectedAndNotTheValue() {
    assertThatThrownBy(() -> convert(PgType.INTEGER, "3000000000")).hasMessage("beyond the range of integer");
    assertThatThrownBy(() -> convert(PgType.INTEGER, "secret-ish")).hasMessageNotContaining("secret");
    assertThatThrownBy(() -> convert(PgType.UUID, "1-1-1-1-1")).hasMessage("not a uuid");
    assertThatThrownBy(() -> convert(PgType.JSONB, "{not json")).hasMessage("not valid JSON");
    assertThatThrownBy(() -> convert(PgType.numeric(3, 0), "12345")).hasMessageContaining("too many digits");
    assertThatThrownBy(() -> convert(PgType.varchar(3), "abcd")).hasMessage("longer than 3 characters");
    assertThatThrownBy(() -> convert(PgType.TIMESTAMPTZ, "2024-01-31 10:00")).hasMessageContaining("time zone");
  }

  @Test
  void typeNamesAndAliases() {
    assertThat(TypeNames.parse("int8")).isEqualTo(PgType.BIGINT);
    assertThat(TypeNames.parse("Double Precision")).isEqualTo(PgType.DOUBLE);
    assertThat(TypeNames.parse("numeric(12, 2)")).isEqualTo(PgType.numeric(12, 2));
    assertThat(TypeNames.parse("varchar(20)")).isEqualTo(PgType.varchar(20));
    assertThatThrownBy(() -> TypeNames.parse("money")).hasMessageContaining("unknown column type \"money\"");
  }
}
