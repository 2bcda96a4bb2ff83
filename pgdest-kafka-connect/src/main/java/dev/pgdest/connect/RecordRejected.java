package dev.pgdest.connect;

/**
 * A record the sink cannot turn into a change: names the column at fault (or none for the whole
 * record) and the rule, never the value. The task reports it to the DLQ or fails with it.
 */
final class RecordRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String column;

  RecordRejected(String column, String reason) {
    super(column == null ? reason : "column \"" + column + "\": " + reason);
    this.column = column;
  }

  RecordRejected(String column, String reason, Throwable cause) {
    this(column, reason);
    initCause(cause);
  }

  /** The column at fault, or null. */
  String column() {
    return column;
  }
}
