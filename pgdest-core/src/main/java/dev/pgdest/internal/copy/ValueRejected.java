package dev.pgdest.internal.copy;

/**
 * A value does not fit its column. Carries the broken rule only ("longer than varchar(10)"),
 * never the value; the row encoder adds table, column and row. No stack trace: it is control flow.
 */
public final class ValueRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ValueRejected(String rule) {
    super(rule, null, false, false);
  }
}
