package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.Text;
import dev.pgdest.internal.copy.ValueEncoder;
import java.util.Set;

/** {@code json} and {@code jsonb}, from a CharSequence holding JSON text (the server parses it). */
final class JsonType extends ColumnType {
  private static final ValueEncoder JSON = new Json(114, false);
  private static final ValueEncoder JSONB = new Json(3802, true);

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.JSON, PgType.Kind.JSONB);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    return type.kind() == PgType.Kind.JSON ? JSON : JSONB;
  }

  @Override
  public PgType parse(String formatted) {
    switch (formatted) {
      case "json": return PgType.JSON;
      case "jsonb": return PgType.JSONB;
      default: return null;
    }
  }

  @Override
  public boolean widens(PgType from, PgType to) {
    return from.equals(to) || (from.kind() == PgType.Kind.JSON && to.kind() == PgType.Kind.JSONB);
  }

  /** json has no equality operator, so json values compare as text (jsonb has one and keeps it). */
  @Override
  public String comparable(PgType type, String ref) {
    return type.kind() == PgType.Kind.JSON ? ref + "::text" : ref;
  }

  private static final class Json extends ValueEncoder {
    private final boolean jsonb;

    Json(int oid, boolean jsonb) {
      super(oid);
      this.jsonb = jsonb;
    }

    @Override
    public long encode(Object v, Bytes out, EncodeContext ctx) {
      if (!(v instanceof CharSequence s)) {
        throw wrongType(v, "a String holding JSON");
      }
      return Text.encode(s, out, ctx, true, -1, jsonb);
    }
  }
}
