package dev.pgdest.connect;

import dev.pgdest.PgType;

/**
 * Which column types a field of a record with a schema may move a column to: the widenings
 * pgdest applies to a table (integers to wider integers and to numeric, real to double, varchar
 * to text, timestamp to timestamptz, json to jsonb). A narrower field lands in the wider column
 * as it is; anything else is a conflict.
 */
final class Widening {
  private Widening() {}

  /** The column's type after a field of type {@code offered}: current, offered, or null on conflict. */
  static PgType merge(PgType current, PgType offered) {
    if (offered == null || current.equals(offered) || widens(offered, current)) {
      return current;
    }
    return widens(current, offered) ? offered : null;
  }

  static boolean widens(PgType from, PgType to) {
    if (from.equals(to)) {
      return true;
    }
    if (from.isArray() || to.isArray()) {
      // varchar(n)[] to text[] is the one array widening pgdest applies.
      return from.isArray() && to.isArray() && from.elementType().kind() == PgType.Kind.VARCHAR
          && to.elementType().equals(PgType.TEXT);
    }
    int f = digits(from);
    if (f > 0) {
      int t = digits(to);
      return t > 0 ? t >= f : to.kind() == PgType.Kind.NUMERIC && to.precisionOrLength() < 0;
    }
    switch (from.kind()) {
      case REAL: return to.kind() == PgType.Kind.DOUBLE;
      case NUMERIC: return to.kind() == PgType.Kind.NUMERIC && to.precisionOrLength() < 0;
      case VARCHAR: return to.kind() == PgType.Kind.TEXT;
      case TIMESTAMP: return to.kind() == PgType.Kind.TIMESTAMPTZ;
      case JSON: return to.kind() == PgType.Kind.JSONB;
      default: return false;
    }
  }

  private static int digits(PgType t) {
    switch (t.kind()) {
      case SMALLINT: return 5;
      case INTEGER: return 10;
      case BIGINT: return 19;
      default: return -1;
    }
  }
}
