package dev.pgdest.internal.unit;

import dev.pgdest.DataException;
import dev.pgdest.PgdestException;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.errors.SqlStates;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The one mapping from a unit's failures to the exceptions its callers see; messages hold no values. */
final class Failures {
  private Failures() {}

  /** Whether the server refused the data itself (class 22 data exception, class 23 integrity). */
  static boolean isDataRefusal(String state) {
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /** The column the server named, or null (it names one for NOT NULL and some other refusals). */
  static String column(Throwable failure) {
    PSQLException psql = Errors.find(failure, PSQLException.class);
    ServerErrorMessage m = psql == null ? null : psql.getServerErrorMessage();
    return m == null ? null : m.getColumn();
  }

  /**
   * A server refusal of a table's rows.
   *
   * @param row the refused row, 0-based in the table's journal, or -1 when it could not be found
   */
  static DataException refused(TableWork table, Throwable failure, long row) {
    String state = SqlStates.sqlStateOf(failure);
    long position = row >= 0 ? table.position(row) : -1;
    return new DataException("the server refused " + table.where() + (position > 0 ? " at row " + position : "")
        + ": " + Errors.describe(failure) + " [SQLSTATE " + state + "]; the batch was rolled back", table.name(),
        column(failure), position, failure, state);
  }

  /** Any other failure of an action, e.g. {@code writing rows 1..5 of table "t"}. */
  static PgdestException of(String action, Throwable failure) {
    if (failure instanceof PgdestException p) {
      return p;
    }
    return Errors.translate(action, failure);
  }
}
