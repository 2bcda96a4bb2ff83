package dev.pgdest.internal.copy;

import dev.pgdest.PgType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** Picks the {@link ValueEncoder} of each column type once, so that no row needs a lookup. */
final class Encoders {
  private Encoders() {}

  static ValueEncoder of(PgType type) {
    switch (type.kind()) {
      case BOOLEAN: return new Bool();
      case SMALLINT: return new Int(21, 2, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
      case INTEGER: return new Int(23, 4, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
      case BIGINT: return new Int(20, 8, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
      case REAL: return new Real();
      case DOUBLE: return new Double8();
      case NUMERIC: return new Num(type.precisionOrLength(), type.scale());
      case TEXT: return new Txt(25, -1, false, false);
      case VARCHAR: return new Txt(1043, type.precisionOrLength(), false, false);
      case JSON: return new Txt(114, -1, true, false);
      case JSONB: return new Txt(3802, -1, true, true);
      case BYTEA: return new Bin();
      case UUID: return new Uuid();
      case DATE: case TIME: case TIMESTAMP: case TIMESTAMPTZ: return Temporal.of(type.kind());
      case ARRAY: return new ArrayEncoder(of(type.elementType()), type.elementType());
      default: throw new IllegalArgumentException("unsupported type " + type);
    }
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

  static final class Bool extends ValueEncoder {
    Bool() {
      super(16);
    }

    @Override
    long encode(Object v, Bytes out, EncodeContext ctx) {
      if (!(v instanceof Boolean b)) {
        throw wrongType(v, "Boolean");
      }
      out.ensure(5);
      out.writeInt(1);
      out.writeByte(b ? 1 : 0);
      return b ? 1 : 2;
    }
  }

  static final class Int extends ValueEncoder {
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
    long encode(Object v, Bytes out, EncodeContext ctx) {
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

  static final class Real extends ValueEncoder {
    Real() {
      super(700);
    }

    @Override
    long encode(Object v, Bytes out, EncodeContext ctx) {
      float f;
      if (v instanceof Float x) {
        f = x;
      } else if (v instanceof Double d && (Double.isNaN(d) || (float) (double) d == d)) {
        f = (float) (double) d;
      } else if ((v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
          && (long) (float) ((Number) v).longValue() == ((Number) v).longValue()
          && ((Number) v).longValue() != Long.MAX_VALUE) {
        f = ((Number) v).longValue();
      } else if (v instanceof Double || v instanceof Number) {
        throw new ValueRejected("cannot be stored exactly in real");
      } else {
        throw wrongType(v, "Float for real");
      }
      out.writeField4(Float.floatToIntBits(f));
      return f == 0 ? 0 : mix(Float.floatToIntBits(f));
    }
  }

  static final class Double8 extends ValueEncoder {
    Double8() {
      super(701);
    }

    @Override
    long encode(Object v, Bytes out, EncodeContext ctx) {
      double d;
      if (v instanceof Double x) {
        d = x;
      } else if (v instanceof Float x) {
        d = x;
      } else if ((v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
          && (long) (double) ((Number) v).longValue() == ((Number) v).longValue()
          && ((Number) v).longValue() != Long.MAX_VALUE) {
        d = ((Number) v).longValue();
      } else if (v instanceof Number) {
        throw new ValueRejected("cannot be stored exactly in double precision");
      } else {
        throw wrongType(v, "Double for double precision");
      }
      out.writeField8(Double.doubleToLongBits(d));
      return d == 0 ? 0 : mix(Double.doubleToLongBits(d));
    }
  }

  static final class Num extends ValueEncoder {
    private final int precision;
    private final int scale;

    Num(int precision, int scale) {
      super(1700);
      this.precision = precision;
      this.scale = scale;
    }

    @Override
    long encode(Object v, Bytes out, EncodeContext ctx) {
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
          if (ctx.serverMajor < 14) {
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
      Numeric.write(stored, out, ctx.digits);
      return stored.signum() == 0 ? 0 : stored.stripTrailingZeros().hashCode();
    }
  }

  static final class Txt extends ValueEncoder {
    private final int maxChars;
    private final boolean json;
    private final boolean jsonb;

    Txt(int oid, int maxChars, boolean json, boolean jsonb) {
      super(oid);
      this.maxChars = maxChars;
      this.json = json;
      this.jsonb = jsonb;
    }

    @Override
    long encode(Object v, Bytes out, EncodeContext ctx) {
      CharSequence s;
      if (v instanceof CharSequence c) {
        s = c;
      } else if (!json && v instanceof Character c) {
        s = String.valueOf(c.charValue());
      } else if (!json && v instanceof Enum<?> e) {
        s = e.name();
      } else {
        throw wrongType(v, json ? "a String holding JSON" : "a String");
      }
      return Text.encode(s, out, ctx, json, maxChars, jsonb);
    }
  }

  static final class Bin extends ValueEncoder {
    Bin() {
      super(17);
    }

    @Override
    long encode(Object v, Bytes out, EncodeContext ctx) {
      if (v instanceof byte[] b) {
        out.writeInt(b.length);
        out.write(b, 0, b.length);
        return java.util.Arrays.hashCode(b);
      }
      if (v instanceof ByteBuffer bb) {
        ByteBuffer b = bb.duplicate();
        out.writeInt(b.remaining());
        byte[] chunk = new byte[Math.min(8192, b.remaining())];
        while (b.hasRemaining()) {
          int n = Math.min(chunk.length, b.remaining());
          b.get(chunk, 0, n);
          out.write(chunk, 0, n);
        }
        return bb.hashCode();
      }
      throw wrongType(v, "byte[] or ByteBuffer for bytea");
    }
  }

  static final class Uuid extends ValueEncoder {
    Uuid() {
      super(2950);
    }

    @Override
    long encode(Object v, Bytes out, EncodeContext ctx) {
      if (!(v instanceof UUID u)) {
        throw wrongType(v, "UUID");
      }
      out.ensure(20);
      out.writeInt(16);
      out.writeLong(u.getMostSignificantBits());
      out.writeLong(u.getLeastSignificantBits());
      return mix(u.getMostSignificantBits() ^ mix(u.getLeastSignificantBits()));
    }
  }
}
