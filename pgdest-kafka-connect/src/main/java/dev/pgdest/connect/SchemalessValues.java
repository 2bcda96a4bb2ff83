package dev.pgdest.connect;

import dev.pgdest.PgType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

/**
 * Column types for values without a schema (JSON with {@code schemas.enable=false}), read from
 * the values themselves: whole numbers are {@code bigint}, other numbers {@code numeric} (JSON
 * numbers are decimal, and numeric keeps them exact), strings {@code text}, booleans
 * {@code boolean}, objects and lists {@code jsonb}, bytes {@code bytea}. A null tells nothing: the
 * column waits for a value.
 *
 * <p>Conflicts, when a later record holds another kind of value for a column: a {@code bigint}
 * column meeting a fraction widens to {@code numeric}; a {@code numeric} column takes whole
 * numbers; a {@code text} column takes any scalar as its text and a {@code jsonb} column any value
 * as JSON. Anything else (text into a number column, an object into a boolean) refuses the record,
 * naming the column: the first type seen stays, the table is never narrowed or retyped.
 */
final class SchemalessValues {
  private SchemalessValues() {}

  /** The column type a value suggests, or null for null. */
  static PgType type(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
      return PgType.BIGINT;
    }
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      return PgType.NUMERIC;
    }
    if (v instanceof Boolean) {
      return PgType.BOOLEAN;
    }
    if (v instanceof byte[] || v instanceof ByteBuffer) {
      return PgType.BYTEA;
    }
    if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
      return PgType.JSONB;
    }
    return PgType.TEXT;
  }

  /** A value as pgdest takes it for {@link #type(Object)}. */
  static Object value(Object v) {
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("NaN and infinity do not fit a numeric column");
      }
      return new BigDecimal(v.toString());
    }
    if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
      return Json.write(v);
    }
    if (v instanceof ByteBuffer bb) {
      byte[] b = new byte[bb.remaining()];
      bb.duplicate().get(b);
      return b;
    }
    return v;
  }

  /**
   * The type a column of type {@code current} takes when a value suggesting {@code offered}
   * arrives: {@code current} when it accepts the value, a wider type when it can widen, or null
   * when the two conflict.
   */
  static PgType merge(PgType current, PgType offered) {
    if (offered == null || current.equals(offered)) {
      return current;
    }
    PgType.Kind c = current.kind();
    if (c == PgType.Kind.TEXT && offered.kind() != PgType.Kind.JSONB && offered.kind() != PgType.Kind.BYTEA) {
      return current;
    }
    if (c == PgType.Kind.JSONB || c == PgType.Kind.JSON) {
      return current;
    }
    if (isInteger(c) && offered.kind() == PgType.Kind.BIGINT) {
      return current.equals(PgType.BIGINT) ? current : PgType.BIGINT;
    }
    if (isInteger(c) && offered.kind() == PgType.Kind.NUMERIC) {
      return PgType.NUMERIC;
    }
    if ((c == PgType.Kind.NUMERIC || c == PgType.Kind.DOUBLE || c == PgType.Kind.REAL)
        && offered.kind() == PgType.Kind.BIGINT) {
      return current;
    }
    return null;
  }

  /** The value converted for a column of {@code column}'s type, once {@link #merge} accepted it. */
  static Object fit(PgType column, Object v) {
    if (v == null) {
      return null;
    }
    PgType.Kind c = column.kind();
    if (c == PgType.Kind.TEXT && !(v instanceof CharSequence)) {
      return v instanceof Map<?, ?> || v instanceof Collection<?> ? Json.write(v) : v.toString();
    }
    if ((c == PgType.Kind.JSONB || c == PgType.Kind.JSON) && !(v instanceof CharSequence && type(v) == PgType.JSONB)) {
      return Json.write(v);
    }
    Object value = value(v);
    if (c == PgType.Kind.DOUBLE && value instanceof BigDecimal b) {
      return b.doubleValue();
    }
    return value;
  }

  private static boolean isInteger(PgType.Kind k) {
    return k == PgType.Kind.SMALLINT || k == PgType.Kind.INTEGER || k == PgType.Kind.BIGINT;
  }
}
