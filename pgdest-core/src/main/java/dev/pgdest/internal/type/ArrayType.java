package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.ArrayEncoder;
import dev.pgdest.internal.copy.ValueEncoder;
import java.util.Set;

/** One-dimensional arrays of any scalar type: the element's handler decides encoding and comparison. */
final class ArrayType extends ColumnType {

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.ARRAY);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    return new ArrayEncoder(ColumnTypes.encoder(type.elementType()), type.elementType());
  }

  @Override
  public PgType parse(String formatted) {
    if (!formatted.endsWith("[]")) {
      return null;
    }
    PgType element = ColumnTypes.parse(formatted.substring(0, formatted.length() - 2));
    return element == null || element.isArray() ? null : PgType.arrayOf(element);
  }

  /** varchar(n)[] to text[] is the one array widening: same element binary format. */
  @Override
  public boolean widens(PgType from, PgType to) {
    return from.equals(to) || (to.isArray() && to.elementType().equals(PgType.TEXT)
        && from.elementType().kind() == PgType.Kind.VARCHAR);
  }

  @Override
  public String comparable(PgType type, String ref) {
    return ColumnTypes.comparable(type.elementType(), ref);
  }
}
