package dev.pgdest.it.sync;

import dev.pgdest.testkit.TestDestination;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Stops a writer's transaction inside its COMMIT, deterministically: a deferred constraint trigger
 * on a table fires at COMMIT for a marked row and waits for an advisory lock this object holds.
 * The test then sees the backend waiting ({@link #awaitHeldCommit}), does its damage (kills the
 * client, cuts its connection) and decides the outcome: {@link #release()} lets the COMMIT finish
 * with nobody listening; {@link #terminate(int)} ends the backend so that it never commits.
 *
 * <p>The trigger function runs as its owner (the administrator), so the restricted writers need no
 * privilege on the marker table. Not thread-safe; one per test.
 */
final class CommitHold implements AutoCloseable {
  /** The advisory lock key; advisory locks are per database, so tests on other databases do not meet. */
  private static final long LOCK = 7_340_001L;

  private final TestDestination dest;
  private final Connection holder;
  private boolean held;

  CommitHold(TestDestination dest) throws SQLException {
    this.dest = dest;
    dest.execute("CREATE TABLE IF NOT EXISTS public.pgdest_test_hold (tbl text NOT NULL, id bigint NOT NULL)");
    dest.execute("CREATE OR REPLACE FUNCTION public.pgdest_test_hold() RETURNS trigger LANGUAGE plpgsql"
        + " SECURITY DEFINER SET search_path = pg_catalog AS $$ BEGIN"
        + " IF EXISTS (SELECT 1 FROM public.pgdest_test_hold h WHERE h.tbl = TG_TABLE_NAME AND h.id = NEW.id) THEN"
        + " PERFORM pg_catalog.pg_advisory_xact_lock(" + LOCK + "); END IF; RETURN NULL; END $$");
    holder = dest.adminConnection();
  }

  /** Installs the trigger on a table of the destination's schema that has a bigint {@code id} column. */
  void install(String table) {
    dest.execute("CREATE CONSTRAINT TRIGGER pgdest_test_hold AFTER INSERT OR UPDATE ON " + dest.qualified(table)
        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.pgdest_test_hold()");
  }

  /** Takes the lock and marks the row: the COMMIT of the next transaction that writes it waits. */
  void arm(String table, long id) throws SQLException {
    try (Statement st = holder.createStatement()) {
      st.execute("SELECT pg_catalog.pg_advisory_lock(" + LOCK + ")");
    }
    held = true;
    dest.execute("DELETE FROM public.pgdest_test_hold");
    dest.execute("INSERT INTO public.pgdest_test_hold (tbl, id) VALUES (?, ?)", table, id);
  }

  /**
   * Waits until a backend waits for the lock, i.e. sits in its COMMIT, and returns its pid. Unmarks
   * the row at once, so that a replay of the same unit is not held again.
   *
   * @throws AssertionError when no COMMIT reaches the trigger within {@code timeout}
   */
  int awaitHeldCommit(Duration timeout) {
    Object pid = await(timeout, "a COMMIT waiting at the hold", () -> dest.queryValue("SELECT l.pid FROM"
        + " pg_catalog.pg_locks l WHERE l.locktype = 'advisory' AND NOT l.granted AND l.classid = 0"
        + " AND l.objid::bigint = ?"
        + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())",
        LOCK));
    dest.execute("DELETE FROM public.pgdest_test_hold");
    return ((Number) pid).intValue();
  }

  /** What the held backend is running: its COMMIT, which proves where it stopped. */
  String query(int pid) {
    return String.valueOf(dest.queryValue("SELECT query FROM pg_catalog.pg_stat_activity WHERE pid = ?", pid));
  }

  /** Lets the held COMMIT finish. */
  void release() throws SQLException {
    if (held) {
      try (PreparedStatement ps = holder.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(" + LOCK + ")");
           ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
      held = false;
    }
  }

  /** Ends the held backend: its transaction rolls back. Waits until it is gone. */
  void terminate(int pid) throws SQLException {
    dest.queryValue("SELECT pg_catalog.pg_terminate_backend(?)", pid);
    awaitGone(pid, Duration.ofSeconds(30));
    release();
  }

  /** Waits until a backend is gone (it ends after a COMMIT whose client has died). */
  void awaitGone(int pid, Duration timeout) {
    await(timeout, "backend " + pid + " to end", () -> dest.queryValue(
        "SELECT CASE WHEN count(*) = 0 THEN true END FROM pg_catalog.pg_stat_activity WHERE pid = ?", pid));
  }

  /**
   * Polls the catalog until {@code probe} gives a non-null value: the server has no notification
   * for a lock wait or a backend's end.
   */
  static Object await(Duration timeout, String what, java.util.function.Supplier<Object> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (;;) {
      Object value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + " after " + timeout);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      release();
    } finally {
      holder.close();
    }
  }
}
