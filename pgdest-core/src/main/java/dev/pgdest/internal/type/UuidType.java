package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.ValueEncoder;
import java.util.Set;
import java.util.UUID;

/** {@code uuid}, from {@link UUID}. */
final class UuidType extends ColumnType {
  private static final ValueEncoder ENCODER = new ValueEncoder(2950) {
    @Override
    public long encode(Object v, Bytes out, EncodeContext ctx) {
      if (!(v instanceof UUID u)) {
        throw wrongType(v, "UUID");
      }
      out.ensure(20);
      out.writeInt(16);
      out.writeLong(u.getMostSignificantBits());
      out.writeLong(u.getLeastSignificantBits());
      return mix(u.getMostSignificantBits() ^ mix(u.getLeastSignificantBits()));
    }
  };

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.UUID);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    return ENCODER;
  }

  @Override
  public PgType parse(String formatted) {
    return "uuid".equals(formatted) ? PgType.UUID : null;
  }
}
