package dev.pgdest;

import java.util.OptionalLong;

/**
 * A row was refused: a value does not fit its column (wrong Java type, overflow, out of range,
 * too long, null in a NOT NULL column, a NUL character under {@link NulPolicy#FAIL}), or the server
 * rejected the batch (for example a constraint violation). The message names the table, the column
 * and the row's position in the writer, never the value. The batch it belonged to was not
 * committed: the target table is as it was before the batch.
 */
public class DataException extends PgdestException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final String column;
  private final long row;

  /**
   * A rejected value.
   *
   * @param message what rule was broken (no values)
   * @param table the target table, as the caller named it
   * @param column the column, or null when the whole row or batch is at fault
   * @param row the row's 1-based position among the rows given to the writer, or -1 if unknown
   */
  public DataException(String message, String table, String column, long row) {
    this(message, table, column, row, null, null);
  }

  /** A rejected batch, with the server error as cause and its SQLSTATE. */
  public DataException(
      String message, String table, String column, long row, Throwable cause, String sqlState) {
    super(message, cause, sqlState, false);
    this.table = table;
    this.column = column;
    this.row = row;
  }

  /** The target table, as the caller named it. */
  public String table() {
    return table;
  }

  /** The column at fault, or null when the whole row or batch is at fault. */
  public String column() {
    return column;
  }

  /** The 1-based position of the row among all rows given to the writer, if known. */
  public OptionalLong row() {
    return row > 0 ? OptionalLong.of(row) : OptionalLong.empty();
  }
}
