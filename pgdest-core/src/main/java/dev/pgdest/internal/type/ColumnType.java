package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.ValueEncoder;
import java.util.Set;

/**
 * Everything pgdest knows about one column type, in one place: the kinds it covers, how the
 * catalog prints it, which Java values it takes and how they are encoded for binary COPY, which
 * changes of type are safe widenings, and how values compare in a merge. Adding a type is one
 * subclass and one line in {@link ColumnTypes}. Stateless and thread-safe.
 */
public abstract class ColumnType {

  /** The kinds of {@link PgType} this handler serves. */
  public abstract Set<PgType.Kind> kinds();

  /**
   * The encoder for one column of this type (its precision, length or element decided once).
   *
   * @param type a type of one of {@link #kinds()}
   */
  public abstract ValueEncoder encoder(PgType type);

  /** The type of a {@code format_type()} string, or null when it is not one of this handler's. */
  public abstract PgType parse(String formatted);

  /**
   * Whether every value of {@code from} fits {@code to} unchanged; {@code from} is of this
   * handler's kinds. Equal types widen.
   */
  public boolean widens(PgType from, PgType to) {
    return from.equals(to);
  }

  /** The USING expression of {@code ALTER COLUMN ... TYPE} that widens a quoted column to {@code to}. */
  public String usingExpression(String quotedColumn, PgType to) {
    return quotedColumn + "::" + to.sqlName();
  }

  /** A merge's expression for comparing a column reference with {@code IS DISTINCT FROM}. */
  public String comparable(PgType type, String ref) {
    return ref;
  }
}
