package dev.pgdest.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.DataException;
import dev.pgdest.NulPolicy;
import dev.pgdest.PgType;
import dev.pgdest.internal.type.ColumnTypes;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EncodingTest {

  private static byte[] field(PgType type, Object value) {
    return field(type, value, new EncodeContext(NulPolicy.STRIP, 17));
  }

  private static byte[] field(PgType type, Object value, EncodeContext ctx) {
    Bytes out = Bytes.scratch(16);
    ColumnTypes.encoder(type).encode(value, out, ctx);
    return java.util.Arrays.copyOf(out.buf, out.pos);
  }

  /** The bytes after the int32 length prefix, checking the prefix. */
  private static ByteBuffer body(byte[] field) {
    ByteBuffer b = ByteBuffer.wrap(field);
    assertThat(b.getInt()).as("length prefix").isEqualTo(field.length - 4);
    return b;
  }

  private static short[] numeric(Object value, PgType type) {
    ByteBuffer b = body(field(type, value));
    short[] s = new short[b.remaining() / 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = b.getShort();
    }
    return s;
  }

  @Test
  void numericMatchesPostgresBinaryLayout() {
    // ndigits, weight, sign, dscale, digits (base 10000)
    assertThat(numeric(new BigDecimal("1.50"), PgType.numeric(12, 2))).containsExactly(2, 0, 0, 2, 1, 5000);
    assertThat(numeric(new BigDecimal("0.05"), PgType.NUMERIC)).containsExactly(1, -1, 0, 2, 500);
    assertThat(numeric(new BigDecimal("-12345678.9"), PgType.NUMERIC)).containsExactly(3, 1, 0x4000, 1, 1234, 5678, 9000);
    assertThat(numeric(new BigDecimal("1E+8"), PgType.NUMERIC)).containsExactly(1, 2, 0, 0, 1);
    assertThat(numeric(BigDecimal.ZERO.setScale(3), PgType.NUMERIC)).containsExactly(0, 0, 0, 3);
    assertThat(numeric(Double.NaN, PgType.NUMERIC)).containsExactly(0, 0, (short) 0xC000, 0);
  }

  @Test
  void bigNumericTakesTheSlowPathWithTheSameLayout() {
    BigDecimal big = new BigDecimal("123456789012345678901234.000000001");
    short[] s = numeric(big, PgType.NUMERIC);
    assertThat(s).startsWith((short) 9, (short) 5, (short) 0, (short) 9);
    assertThat(java.util.Arrays.copyOfRange(s, 4, s.length))
        .containsExactly(1234, 5678, 9012, 3456, 7890, 1234, 0, 0, 1000);
  }

  @Test
  void numericRejectsScaleAndOverflowWithoutTheValue() {
    assertThatThrownBy(() -> field(PgType.numeric(5, 2), new BigDecimal("1.234")))
        .hasMessageContaining("more than 2 digits after the decimal point").hasMessageNotContaining("1.234");
    assertThatThrownBy(() -> field(PgType.numeric(5, 2), new BigDecimal("1234.5")))
        .hasMessageContaining("overflows numeric(5,2)");
    assertThatThrownBy(() -> field(PgType.numeric(5, 2), Double.POSITIVE_INFINITY)).hasMessageContaining("infinite");
    assertThatThrownBy(() -> field(PgType.NUMERIC, Double.NEGATIVE_INFINITY, new EncodeContext(NulPolicy.STRIP, 13)))
        .hasMessageContaining("PostgreSQL 14");
    assertThat(numeric(new BigDecimal("1.200"), PgType.numeric(5, 2))).containsExactly(2, 0, 0, 2, 1, 2000);
  }

  @Test
  void integersAreRangeChecked() {
    assertThat(body(field(PgType.SMALLINT, (short) -2)).getShort()).isEqualTo((short) -2);
    assertThat(body(field(PgType.BIGINT, 7)).getLong()).isEqualTo(7L);
    assertThatThrownBy(() -> field(PgType.INTEGER, 1L << 40)).hasMessageContaining("overflows integer");
    assertThatThrownBy(() -> field(PgType.INTEGER, "7")).hasMessageContaining("java.lang.String");
  }

  @Test
  void textIsUtf8AndVarcharCountsCharacters() {
    byte[] f = field(PgType.TEXT, "héllo 😀");
    assertThat(new String(f, 4, f.length - 4, StandardCharsets.UTF_8)).isEqualTo("héllo 😀");
    assertThat(field(PgType.varchar(3), "😀😀😀")).hasSize(4 + 12);
    assertThatThrownBy(() -> field(PgType.varchar(3), "abcd")).hasMessageContaining("longer than varchar(3)");
  }

  @Test
  void nulAndLoneSurrogatesFollowThePolicy() {
    EncodeContext strip = new EncodeContext(NulPolicy.STRIP, 17);
    byte[] f = field(PgType.TEXT, "a\0b\uD800c", strip);
    assertThat(new String(f, 4, f.length - 4, StandardCharsets.UTF_8)).isEqualTo("abc");
    assertThat(strip.sanitized()).isEqualTo(1);
    EncodeContext replace = new EncodeContext(NulPolicy.REPLACE, 17);
    f = field(PgType.TEXT, "a\0b", replace);
    assertThat(new String(f, 4, f.length - 4, StandardCharsets.UTF_8)).isEqualTo("a\uFFFDb");
    assertThatThrownBy(() -> field(PgType.TEXT, "a\0", new EncodeContext(NulPolicy.FAIL, 17)))
        .hasMessageContaining("NUL");
  }

  @Test
  void jsonEscapedNulIsSanitizedButAnEscapedBackslashIsNot() {
    EncodeContext strip = new EncodeContext(NulPolicy.STRIP, 17);
    byte[] f = field(PgType.JSON, "{\"a\":\"x\\u0000y\",\"b\":\"\\\\u0000\",\"c\":\"\\ud83d\\ude00\"}", strip);
    assertThat(new String(f, 4, f.length - 4, StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":\"xy\",\"b\":\"\\\\u0000\",\"c\":\"\\ud83d\\ude00\"}");
    assertThat(strip.sanitized()).isEqualTo(1);
    EncodeContext replace = new EncodeContext(NulPolicy.REPLACE, 17);
    f = field(PgType.JSONB, "[\"\\ud800\"]", replace);
    assertThat(f[4]).as("jsonb version byte").isEqualTo((byte) 1);
    assertThat(new String(f, 5, f.length - 5, StandardCharsets.UTF_8)).isEqualTo("[\"\\ufffd\"]");
  }

  @Test
  void temporalRangesAreChecked() {
    assertThat(body(field(PgType.DATE, LocalDate.of(2000, 1, 2))).getInt()).isEqualTo(1);
    assertThat(body(field(PgType.TIMESTAMPTZ, Instant.parse("2000-01-01T00:00:01.000001Z"))).getLong())
        .isEqualTo(1_000_001L);
    assertThatThrownBy(() -> field(PgType.TIMESTAMPTZ, Instant.MAX)).hasMessageContaining("outside PostgreSQL's");
    assertThatThrownBy(() -> field(PgType.DATE, LocalDate.of(-5000, 1, 1))).hasMessageContaining("date range");
  }

  @Test
  void arraysCarryHeaderNullsAndElementOid() {
    ByteBuffer b = body(field(PgType.arrayOf(PgType.INTEGER), java.util.Arrays.asList(1, null, 3)));
    assertThat(new int[] {b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt()}).containsExactly(1, 1, 23, 3, 1);
    assertThat(new int[] {b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt()}).containsExactly(4, 1, -1, 4, 3);
    ByteBuffer empty = body(field(PgType.arrayOf(PgType.TEXT), List.of()));
    assertThat(new int[] {empty.getInt(), empty.getInt(), empty.getInt()}).containsExactly(0, 0, 25);
  }

  @Test
  void uuidIsSixteenBytes() {
    UUID u = UUID.randomUUID();
    ByteBuffer b = body(field(PgType.UUID, u));
    assertThat(new UUID(b.getLong(), b.getLong())).isEqualTo(u);
  }

  @Test
  void rowErrorsNameTableColumnAndRowButNotTheValue() {
    RowEncoder enc = new RowEncoder("users", List.of(
        new RowEncoder.Field("id", PgType.BIGINT, false, true, ColumnTypes.encoder(PgType.BIGINT)),
        new RowEncoder.Field("email", PgType.varchar(5), true, false, ColumnTypes.encoder(PgType.varchar(5)))), new EncodeContext(NulPolicy.STRIP, 17));
    Bytes out = Bytes.scratch(64);
    assertThatThrownBy(() -> enc.encode(new Object[] {1L, "secret-value"}, out, 42))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("table \"users\"").hasMessageContaining("column \"email\"").hasMessageContaining("row 42")
        .hasMessageNotContaining("secret-value");
    assertThatThrownBy(() -> enc.encode(new Object[] {null, "a"}, out, 7))
        .isInstanceOf(DataException.class).hasMessageContaining("NOT NULL").hasMessageContaining("column \"id\"");
    assertThatThrownBy(() -> enc.encode(new Object[] {1L}, out, 8)).hasMessageContaining("1 values given for 2 columns");
  }

  @Test
  void equalKeysHashEquallyAcrossJavaTypes() {
    RowEncoder enc = new RowEncoder("t", List.of(new RowEncoder.Field("id", PgType.BIGINT, false, true, ColumnTypes.encoder(PgType.BIGINT))),
        new EncodeContext(NulPolicy.STRIP, 17));
    Bytes out = Bytes.scratch(64);
    assertThat(enc.encode(new Object[] {5}, out, 1)).isEqualTo(enc.encode(new Object[] {5L}, out, 2));
    assertThat(enc.encode(new Object[] {5}, out, 1)).isNotEqualTo(enc.encode(new Object[] {6L}, out, 2));
  }

  @Test
  void streamingBufferHandsOverFullChunksAndLargeValuesSpanThem() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Bytes out = new Bytes(Bytes.MIN_CHUNK, (chunk, len) -> {
      assertThat(len).isLessThanOrEqualTo(Bytes.MIN_CHUNK);
      sink.write(chunk, 0, len);
      return chunk;
    });
    String big = "x".repeat(200_000) + "é";
    ColumnTypes.encoder(PgType.TEXT).encode(big, out, new EncodeContext(NulPolicy.STRIP, 17));
    out.flush();
    byte[] all = sink.toByteArray();
    assertThat(ByteBuffer.wrap(all).getInt()).isEqualTo(200_002);
    assertThat(new String(all, 4, all.length - 4, StandardCharsets.UTF_8)).isEqualTo(big);
  }
}
