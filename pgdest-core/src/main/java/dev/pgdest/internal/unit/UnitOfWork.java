package dev.pgdest.internal.unit;

import dev.pgdest.PgdestException;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.errors.SqlStates;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's transaction holding the journaled rows of one or several tables, and everything
 * that makes it land exactly once: the live COPY, the replay of the whole unit after a passing
 * fault under the one {@link RetryPolicy}, the plan changes tables ask for ({@link
 * TableWork#adapt}), the search for a refused row in the journal, and the settlement of a COMMIT
 * whose outcome is unknown ({@link UnitConnection#commit}). A {@link Step} adds statements to the
 * transaction after the tables: a sync session's checkpoint, REPLACE's swap.
 *
 * <p>Rows stream live into the first table's COPY while the transaction is healthy; other tables'
 * rows wait in their journals and are copied at commit (one COPY open per connection at a time).
 * Not thread-safe: one thread drives a unit.
 */
public final class UnitOfWork implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UnitOfWork.class);
  /** Not a failure: a table changed its plan and its rows must be copied again. */
  private static final Exception REPLAN = new Exception("replan", null, false, false) {};

  /** Statements that join the unit's transaction after the tables. */
  @FunctionalInterface
  public interface Step {
    void run(UnitConnection c) throws SQLException;
  }

  /** Hears about replays. */
  @FunctionalInterface
  public interface Listener {
    void retrying(int attempt, PgdestException cause);
  }

  private final UnitConnection conn;
  private final RetryPolicy retry;
  private final Listener listener;
  /** Tables whose whole journal is in the open transaction, with the rows the server took. */
  private final Map<TableWork, long[]> copied = new IdentityHashMap<>();
  private TableWork live;
  private CopyStream copy;
  private boolean txOpen;
  private Exception broken;
  private long retries;

  public UnitOfWork(ConnectionSource source, RetryPolicy retry, Listener listener) {
    this.conn = new UnitConnection(source);
    this.retry = retry;
    this.listener = listener;
  }

  /** The connection, for work outside the unit's transaction (committed with {@link UnitConnection#commitSetup}). */
  public UnitConnection connection() {
    return conn;
  }

  /** Replays so far, over the unit's life. */
  public long retries() {
    return retries;
  }

  /**
   * Lets {@code table}'s rows stream live from now on, when no other table streams and the
   * transaction is healthy. A failure here is kept: rows go on journaling and commit replays.
   */
  public void streamTo(TableWork table) {
    if (live != null || broken != null || (table.rows() > 0 && !copied.containsKey(table))) {
      return;
    }
    try {
      if (!txOpen) {
        table.setup(conn);
        begin();
      }
      copy = CopyStream.open(conn.connection(), table.openCopy(conn));
      live = table;
      copied.putIfAbsent(table, new long[1]);
      table.journal().goLive(copy::send);
    } catch (SQLException | RuntimeException e) {
      markBroken(e);
    }
  }

  /** A table changed its plan mid-unit: stop streaming; commit copies everything again. */
  public void replan() {
    markBroken(REPLAN);
  }

  /**
   * Lands the tables' rows and {@code extra} in one transaction, replaying the whole unit after
   * passing faults.
   *
   * @param action what the unit does, for messages, e.g. {@code writing rows 1..5 of table "t"}
   * @throws PgdestException when it cannot land; nothing of it landed
   */
  public void commit(List<? extends TableWork> tables, Step extra, String action) {
    commit(tables, null, extra, action);
  }

  /**
   * As {@link #commit(List, Step, String)}, running {@code first} after the rows are copied and
   * before any table applies them (a fence check that should hold its locks through the merge).
   */
  public void commit(List<? extends TableWork> tables, Step first, Step extra, String action) {
    List<TableWork> order = new ArrayList<>();
    for (TableWork t : tables) {
      t.flush();
      if (t.rows() > 0) {
        order.add(t);
      }
    }
    order.sort(Comparator.comparingLong(TableWork::oid));
    endRun();
    boolean replay = broken != null || !txOpen;
    Exception failure = broken == REPLAN ? null : broken;
    broken = null;
    int attempt = 0;
    while (true) {
      TableWork failed = null;
      if (failure == null) {
        try {
          if (replay) {
            reset();
            for (TableWork t : order) {
              failed = t;
              t.setup(conn);
            }
            begin();
          }
          Map<TableWork, long[]> counts = new IdentityHashMap<>();
          for (TableWork t : order) {
            failed = t;
            if (!copied.containsKey(t)) {
              copied.put(t, new long[] {copyAll(t, 0, Long.MAX_VALUE)});
            }
          }
          failed = null;
          if (first != null) {
            first.run(conn);
          }
          for (TableWork t : order) {
            failed = t;
            counts.put(t, t.apply(conn, copied.get(t)[0]));
          }
          failed = null;
          if (extra != null) {
            extra.run(conn);
          }
          conn.commit();
          txOpen = false;
          copied.clear();
          for (TableWork t : order) {
            t.landed(counts.get(t));
          }
          return;
        } catch (SQLException | RuntimeException e) {
          failure = e;
        }
      }
      reset(failure);
      replay = true;
      String state = SqlStates.sqlStateOf(failure);
      if (!(failure instanceof PgdestException) && adapt(order, failed, state)) {
        failure = null;
        continue;
      }
      TableWork at = failed != null ? failed : order.size() == 1 ? order.get(0) : null;
      if (at != null && !(failure instanceof PgdestException) && Failures.isDataRefusal(state)) {
        long row = locate(at);
        if (at.reject(row, Failures.column(failure), state, Errors.describe(failure))) {
          failure = null;
          continue;
        }
        throw Failures.refused(at, failure, row);
      }
      boolean retryable = failure instanceof PgdestException p ? p.isRetryable() : SqlStates.isRetryable(state);
      if (!retryable || !retry.allows(attempt)) {
        throw Failures.of(action, failure);
      }
      attempt++;
      retries++;
      PgdestException cause = Failures.of(action, failure);
      LOG.warn("Replaying a unit ({}; attempt {} of {}) after: {}", action, attempt, retry.maxRetries(),
          Errors.describe(failure));
      LOG.debug("The fault that causes the replay", failure);
      try {
        listener.retrying(attempt, cause);
      } catch (RuntimeException e) {
        LOG.warn("Progress listener failed; ignored: {}", e.toString());
      }
      try {
        retry.pause(attempt);
      } catch (InterruptedException e) {
        throw new PgdestException("interrupted while waiting to replay (" + action + ")");
      }
      failure = null;
    }
  }

  /**
   * Begins the unit's transaction. A held connection the server closed while it sat idle
   * (idle_session_timeout, idle_in_transaction_session_timeout, a restart) is replaced at once,
   * silently: nothing of the unit was sent on it, so this is no replay.
   */
  private void begin() throws SQLException {
    boolean held = conn.isHeld();
    try {
      conn.begin();
    } catch (SQLException | RuntimeException e) {
      if (!held || !SqlStates.isBroken(e)) {
        throw e;
      }
      LOG.debug("Replacing a connection the server closed while it was idle: {}", Errors.describe(e));
      conn.discard();
      conn.begin();
    }
    txOpen = true;
  }

  /** The table that changes its plan for this refusal, asking the failing one first. */
  private static boolean adapt(List<TableWork> order, TableWork failed, String state) {
    if (state == null) {
      return false;
    }
    if (failed != null) {
      return failed.adapt(state);
    }
    for (TableWork t : order) {
      if (t.adapt(state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Finds the first row the server refuses by bisecting the journal: each probe copies a range of
   * rows into a fresh transaction, applies it, and rolls back. Independent of the server's message
   * language. Returns the row (0-based), or -1 when no single row fails on its own.
   */
  private long locate(TableWork t) {
    long lo = 0;
    long hi = t.rows();
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      Boolean left = probe(t, lo, mid);
      if (left == null) {
        return -1;
      }
      if (left) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi > lo && Boolean.TRUE.equals(probe(t, lo, lo + 1)) ? lo : -1;
  }

  /** True when rows {@code [from, to)} are refused as data, false when they land, null on another failure. */
  private Boolean probe(TableWork t, long from, long to) {
    try {
      reset();
      t.setup(conn);
      conn.begin();
      txOpen = true;
      long n = copyAll(t, from, to);
      t.apply(conn, n);
      reset();
      return false;
    } catch (SQLException | RuntimeException e) {
      reset(e);
      return Failures.isDataRefusal(SqlStates.sqlStateOf(e)) ? Boolean.TRUE : null;
    }
  }

  /** Copies the journaled rows {@code [from, to)} of a table, leaving out excluded ones, in one COPY. */
  private long copyAll(TableWork t, long from, long to) throws SQLException {
    CopyStream s = CopyStream.open(conn.connection(), t.openCopy(conn));
    try {
      t.journal().replay(new RowFilter(s::send, from, to, t::excluded));
      return s.end();
    } finally {
      s.cancel();
    }
  }

  private void endRun() {
    if (live == null) {
      return;
    }
    TableWork t = live;
    live = null;
    t.flush();
    t.journal().stopLive();
    SQLException lost = t.journal().liveFailure();
    if (lost != null) {
      markBroken(lost);
      return;
    }
    try {
      copied.get(t)[0] += copy.end();
    } catch (SQLException | RuntimeException e) {
      markBroken(e);
    } finally {
      copy = null;
    }
  }

  private void markBroken(Exception e) {
    if (broken == null || broken == REPLAN) {
      broken = e;
    }
    reset(e == REPLAN ? null : e);
  }

  private void reset() {
    reset(null);
  }

  /** Abandons the open COPY and transaction; drops the connection when the failure broke it. */
  private void reset(Throwable failure) {
    if (live != null) {
      live.journal().stopLive();
      live = null;
    }
    if (copy != null) {
      copy.cancel();
      copy = null;
    }
    if (failure != null && SqlStates.isBroken(failure)) {
      conn.discard();
    } else {
      conn.rollbackQuietly();
    }
    copied.clear();
    txOpen = false;
  }

  /** Drops what is uncommitted; the unit can be used again. */
  public void rollback() {
    broken = null;
    reset();
  }

  /** Rolls back, drops the TEMP tables and returns the connection. */
  @Override
  public void close() {
    rollback();
    conn.close();
  }
}
