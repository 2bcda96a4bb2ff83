package dev.pgdest.internal.unit;

import dev.pgdest.PgdestException;
import dev.pgdest.internal.errors.SqlStates;
import dev.pgdest.internal.sql.UnitSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Settles a COMMIT whose reply never came: asks a fresh connection for {@code txid_status} of the
 * transaction until the server knows (the old backend may not have noticed its client is gone).
 */
final class LostCommit {
  /** How long to wait for the server to settle the transaction. */
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 100;

  private final ConnectionSource source;
  private final long xid;

  LostCommit(ConnectionSource source, long xid) {
    this.source = source;
    this.xid = xid;
  }

  /**
   * Whether the transaction committed.
   *
   * @throws PgdestException (08007, not retryable) when the server cannot tell in time, or no
   *     connection can be had to ask: replaying could land the unit twice
   */
  boolean committed() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String status;
      try (Connection c = source.connection(); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery(UnitSql.xidStatus(xid))) {
        rs.next();
        status = rs.getString(1);
      } catch (SQLException | RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw unknown("could not be asked: " + e.getClass().getSimpleName(), e);
        }
        status = "unreachable";
      }
      if ("committed".equals(status)) {
        return true;
      }
      if ("aborted".equals(status)) {
        return false;
      }
      if (status == null || System.nanoTime() > deadline) {
        throw unknown("is " + status, null);
      }
      try {
        Thread.sleep(POLL_MILLIS); // the old backend has not finished or noticed the lost connection yet
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new PgdestException("interrupted while settling a lost COMMIT");
      }
    }
  }

  private PgdestException unknown(String why, Throwable cause) {
    return new PgdestException("the outcome of a COMMIT is unknown (transaction " + xid + " " + why
        + "); the batch was not replayed to avoid landing it twice", cause, SqlStates.RESOLUTION_UNKNOWN, false);
  }
}
