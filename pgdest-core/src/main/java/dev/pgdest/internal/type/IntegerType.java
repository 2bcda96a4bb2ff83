package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.ValueEncoder;
import dev.pgdest.internal.copy.ValueRejected;
import java.math.BigInteger;
import java.util.Set;

/** {@code smallint}, {@code integer}, {@code bigint}, from any integral Java number, range-checked. */
final class IntegerType extends ColumnType {

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.SMALLINT, PgType.Kind.INTEGER, PgType.Kind.BIGINT);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    switch (type.kind()) {
      case SMALLINT: return new Int(21, 2, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
      case INTEGER: return new Int(23, 4, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
      default: return new Int(20, 8, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
    }
  }

  @Override
  public PgType parse(String formatted) {
    switch (formatted) {
      case "smallint": return PgType.SMALLINT;
      case "integer": return PgType.INTEGER;
      case "bigint": return PgType.BIGINT;
      default: return null;
    }
  }

  /** Digits before the point an integer type can need, or -1 for other types. */
  static int digits(PgType t) {
    switch (t.kind()) {
      case SMALLINT: return 5;
      case INTEGER: return 10;
      case BIGINT: return 19;
      default: return -1;
    }
  }

  @Override
  public boolean widens(PgType from, PgType to) {
    if (digits(to) > 0) {
      return digits(to) >= digits(from);
    }
    return to.kind() == PgType.Kind.NUMERIC
        && (to.precisionOrLength() < 0 || to.precisionOrLength() - to.scale() >= digits(from));
  }

  /** An integral Java value as a long, or a rejection naming the target type. */
  static long integral(Object v, String target) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Short s) {
      return s;
    }
    if (v instanceof Byte b) {
      return b;
    }
    if (v instanceof BigInteger b) {
      if (b.bitLength() < 64) {
        return b.longValue();
      }
      throw new ValueRejected("overflows " + target);
    }
    throw ValueEncoder.wrongType(v, "an integral number (Long, Integer, Short, Byte, BigInteger) for " + target);
  }

  private static final class Int extends ValueEncoder {
    private final int size;
    private final long min;
    private final long max;
    private final String name;

    Int(int oid, int size, long min, long max, String name) {
      super(oid);
      this.size = size;
      this.min = min;
      this.max = max;
      this.name = name;
    }

    @Override
    public long encode(Object v, Bytes out, EncodeContext ctx) {
      long x = integral(v, name);
      if (x < min || x > max) {
        throw new ValueRejected("overflows " + name);
      }
      if (size == 8) {
        out.writeField8(x);
      } else if (size == 4) {
        out.writeField4((int) x);
      } else {
        out.ensure(6);
        out.writeInt(2);
        out.writeShort((int) x);
      }
      return mix(x);
    }
  }
}
