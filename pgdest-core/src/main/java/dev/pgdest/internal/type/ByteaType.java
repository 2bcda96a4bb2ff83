package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.ValueEncoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

/** {@code bytea}, from byte[] or a ByteBuffer's remaining bytes. */
final class ByteaType extends ColumnType {
  private static final ValueEncoder ENCODER = new ValueEncoder(17) {
    @Override
    public long encode(Object v, Bytes out, EncodeContext ctx) {
      if (v instanceof byte[] b) {
        out.writeInt(b.length);
        out.write(b, 0, b.length);
        return Arrays.hashCode(b);
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
  };

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.BYTEA);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    return ENCODER;
  }

  @Override
  public PgType parse(String formatted) {
    return "bytea".equals(formatted) ? PgType.BYTEA : null;
  }
}
