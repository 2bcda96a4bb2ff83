package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.Numeric;
import dev.pgdest.internal.copy.ValueEncoder;
import dev.pgdest.internal.copy.ValueRejected;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code numeric} and {@code numeric(p,s)}: exact decimals, NaN, and infinity where the server can hold it. */
final class NumericType extends ColumnType {
  private static final Pattern CONSTRAINED = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.NUMERIC);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    return new Num(type.precisionOrLength(), type.scale());
  }

  @Override
  public PgType parse(String formatted) {
    if ("numeric".equals(formatted)) {
      return PgType.NUMERIC;
    }
    Matcher m = CONSTRAINED.matcher(formatted);
    return m.matches() ? PgType.numeric(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
  }

  @Override
  public boolean widens(PgType from, PgType to) {
    if (from.equals(to)) {
      return true;
    }
    return to.kind() == PgType.Kind.NUMERIC && from.precisionOrLength() >= 0 && (to.precisionOrLength() < 0
        || (to.scale() >= from.scale()
            && to.precisionOrLength() - to.scale() >= from.precisionOrLength() - from.scale()));
  }

  private static final class Num extends ValueEncoder {
    private final int precision;
    private final int scale;

    Num(int precision, int scale) {
      super(1700);
      this.precision = precision;
      this.scale = scale;
    }

    @Override
    public long encode(Object v, Bytes out, EncodeContext ctx) {
      BigDecimal d;
      if (v instanceof BigDecimal b) {
        d = b;
      } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        d = BigDecimal.valueOf(((Number) v).longValue());
      } else if (v instanceof BigInteger b) {
        d = new BigDecimal(b);
      } else if (v instanceof Double || v instanceof Float) {
        double x = ((Number) v).doubleValue();
        if (Double.isNaN(x)) {
          Numeric.writeSpecial(out, Numeric.NAN);
          return 3;
        }
        if (Double.isInfinite(x)) {
          if (precision >= 0) {
            throw new ValueRejected("is infinite, which numeric(" + precision + "," + scale + ") cannot hold");
          }
          if (ctx.serverMajor() < 14) {
            throw new ValueRejected("is infinite, which numeric holds from PostgreSQL 14 on");
          }
          Numeric.writeSpecial(out, x > 0 ? Numeric.PINF : Numeric.NINF);
          return x > 0 ? 4 : 5;
        }
        // The shortest decimal that reads back as the same double, as PostgreSQL's float8 output does.
        d = new BigDecimal(Double.toString(x));
      } else {
        throw wrongType(v, "BigDecimal for numeric");
      }
      BigDecimal stored = Numeric.fit(d, precision, scale);
      Numeric.write(stored, out, ctx.digits());
      return stored.signum() == 0 ? 0 : stored.stripTrailingZeros().hashCode();
    }
  }
}
