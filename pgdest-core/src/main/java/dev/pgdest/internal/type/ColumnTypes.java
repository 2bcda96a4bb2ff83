package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.ValueEncoder;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The registry of column types: one {@link ColumnType} per kind of {@link PgType}. */
public final class ColumnTypes {
  private static final List<ColumnType> ALL = List.of(
      new BooleanType(),
      new IntegerType(),
      new FloatType(),
      new NumericType(),
      new TextType(),
      new JsonType(),
      new ByteaType(),
      new UuidType(),
      new TemporalType(),
      new ArrayType());
  private static final Map<PgType.Kind, ColumnType> BY_KIND = new EnumMap<>(PgType.Kind.class);

  static {
    for (ColumnType t : ALL) {
      for (PgType.Kind k : t.kinds()) {
        if (BY_KIND.put(k, t) != null) {
          throw new IllegalStateException("two column types claim " + k);
        }
      }
    }
  }

  private ColumnTypes() {}

  /** The handler of a type. */
  public static ColumnType of(PgType type) {
    ColumnType t = BY_KIND.get(type.kind());
    if (t == null) {
      throw new IllegalArgumentException("unsupported type " + type);
    }
    return t;
  }

  /** The binary COPY encoder of one column of this type. */
  public static ValueEncoder encoder(PgType type) {
    return of(type).encoder(type);
  }

  /** The type of a {@code format_type()} string, or null when pgdest cannot write it. */
  public static PgType parse(String formatted) {
    for (ColumnType t : ALL) {
      PgType p = t.parse(formatted);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  /**
   * Whether every value of {@code from} fits {@code to} unchanged, so that a column of type
   * {@code from} may be altered to {@code to} (or a column of type {@code to} accepts values of
   * {@code from}). Equal types widen.
   */
  public static boolean widens(PgType from, PgType to) {
    return of(from).widens(from, to);
  }

  /** The USING expression of {@code ALTER COLUMN ... TYPE} for a widening of a quoted column. */
  public static String usingExpression(String quotedColumn, PgType from, PgType to) {
    return of(from).usingExpression(quotedColumn, to);
  }

  /** A merge's comparable form of a column reference of this type. */
  public static String comparable(PgType type, String ref) {
    return of(type).comparable(type, ref);
  }
}
