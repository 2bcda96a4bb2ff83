package dev.pgdest.internal.copy;

/**
 * A value does not fit its column. Carries the broken rule only ("longer than varchar(10)"),
 * never the value; the row encoder adds table, column and row. No stack trace: it is control flow.
 */
public final class ValueRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public ValueRejected(String rule) {
    this(rule, null);
  }

  /** A rejection the server would report with {@code sqlState}, which the caller then sees as well. */
  public ValueRejected(String rule, String sqlState) {
    super(rule, null, false, false);
    this.sqlState = sqlState;
  }

  /** The SQLSTATE the server would have reported, or null. */
  public String sqlState() {
    return sqlState;
  }
}
