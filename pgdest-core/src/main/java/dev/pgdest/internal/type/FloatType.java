package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.ValueEncoder;
import dev.pgdest.internal.copy.ValueRejected;
import java.util.Set;

/** {@code real} and {@code double precision}; integers only when exactly representable. */
final class FloatType extends ColumnType {
  private static final ValueEncoder REAL = new ValueEncoder(700) {
    @Override
    public long encode(Object v, Bytes out, EncodeContext ctx) {
      float f;
      if (v instanceof Float x) {
        f = x;
      } else if (v instanceof Double d && (Double.isNaN(d) || (float) (double) d == d)) {
        f = (float) (double) d;
      } else if (exactIntegral(v) && (long) (float) ((Number) v).longValue() == ((Number) v).longValue()) {
        f = ((Number) v).longValue();
      } else if (v instanceof Number) {
        throw new ValueRejected("cannot be stored exactly in real");
      } else {
        throw wrongType(v, "Float for real");
      }
      out.writeField4(Float.floatToIntBits(f));
      return f == 0 ? 0 : mix(Float.floatToIntBits(f));
    }
  };

  private static final ValueEncoder DOUBLE = new ValueEncoder(701) {
    @Override
    public long encode(Object v, Bytes out, EncodeContext ctx) {
      double d;
      if (v instanceof Double x) {
        d = x;
      } else if (v instanceof Float x) {
        d = x;
      } else if (exactIntegral(v) && (long) (double) ((Number) v).longValue() == ((Number) v).longValue()) {
        d = ((Number) v).longValue();
      } else if (v instanceof Number) {
        throw new ValueRejected("cannot be stored exactly in double precision");
      } else {
        throw wrongType(v, "Double for double precision");
      }
      out.writeField8(Double.doubleToLongBits(d));
      return d == 0 ? 0 : mix(Double.doubleToLongBits(d));
    }
  };

  /** A boxed integer type other than Long.MAX_VALUE, whose float conversion rounds up out of range. */
  private static boolean exactIntegral(Object v) {
    return (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
        && ((Number) v).longValue() != Long.MAX_VALUE;
  }

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.REAL, PgType.Kind.DOUBLE);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    return type.kind() == PgType.Kind.REAL ? REAL : DOUBLE;
  }

  @Override
  public PgType parse(String formatted) {
    switch (formatted) {
      case "real": return PgType.REAL;
      case "double precision": return PgType.DOUBLE;
      default: return null;
    }
  }

  @Override
  public boolean widens(PgType from, PgType to) {
    return from.equals(to) || (from.kind() == PgType.Kind.REAL && to.kind() == PgType.Kind.DOUBLE);
  }
}
