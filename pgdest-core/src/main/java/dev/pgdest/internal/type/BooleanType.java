package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.ValueEncoder;
import java.util.Set;

/** {@code boolean}, from {@link Boolean}. */
final class BooleanType extends ColumnType {
  private static final ValueEncoder ENCODER = new ValueEncoder(16) {
    @Override
    public long encode(Object v, Bytes out, EncodeContext ctx) {
      if (!(v instanceof Boolean b)) {
        throw wrongType(v, "Boolean");
      }
      out.ensure(5);
      out.writeInt(1);
      out.writeByte(b ? 1 : 0);
      return b ? 1 : 2;
    }
  };

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.BOOLEAN);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    return ENCODER;
  }

  @Override
  public PgType parse(String formatted) {
    return "boolean".equals(formatted) ? PgType.BOOLEAN : null;
  }
}
