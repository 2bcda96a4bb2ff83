package dev.pgdest.it.reliability;

import dev.pgdest.testkit.TestDestination;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Stops a writer's backend at a chosen moment of its transaction, on the server itself, so that a
 * test can kill, cut or time it out there and nowhere else. Triggers installed on a target table
 * call a one-shot hook: at {@link Point#MERGE} (a row of the merge, or of a direct COPY, reaches the
 * table) and {@link Point#COMMIT} (a deferred constraint trigger, run by COMMIT before the commit
 * record) the backend loops in {@code pg_sleep} until {@link #release()}; at {@link Point#REPLY}
 * it asks for synchronous commit, so that with {@link #holdSynchronousCommits()} its COMMIT is
 * durable and then waits (wait event {@code SyncRep}) before the reply is sent.
 *
 * <p>The hook fires once per {@link #arm(Point)} (a sequence, which rollbacks do not undo), so a
 * replayed batch passes. Runs as the superuser; the hook is {@code SECURITY DEFINER}, so the
 * restricted writer needs no grant.
 */
final class ServerHooks {
  /** Where the writer's backend stops. */
  enum Point { MERGE, COMMIT, REPLY }

  private static final Duration AWAIT = Duration.ofSeconds(20);

  private final TestDestination target;
  private final String writer;

  private ServerHooks(TestDestination target, String writer) {
    this.target = target;
    this.writer = writer;
  }

  /** Installs the hook function in schema {@code pgdest_fault} of the test database. Idempotent. */
  static ServerHooks install(TestDestination target, String writer) {
    target.execute("CREATE SCHEMA IF NOT EXISTS pgdest_fault");
    target.execute("CREATE TABLE IF NOT EXISTS pgdest_fault.arm (point text, released boolean NOT NULL)");
    if (target.query("SELECT 1 FROM pgdest_fault.arm").isEmpty()) {
      target.execute("INSERT INTO pgdest_fault.arm VALUES (NULL, true)");
    }
    target.execute("CREATE SEQUENCE IF NOT EXISTS pgdest_fault.shot");
    target.execute("CREATE OR REPLACE FUNCTION pgdest_fault.hook() RETURNS trigger LANGUAGE plpgsql"
        + " SECURITY DEFINER AS $$\n"
        + "BEGIN\n"
        + "  IF (SELECT point FROM pgdest_fault.arm) IS DISTINCT FROM TG_ARGV[0] THEN RETURN NULL; END IF;\n"
        + "  IF pg_catalog.nextval('pgdest_fault.shot') <> 1 THEN RETURN NULL; END IF;\n"
        + "  IF TG_ARGV[0] = 'REPLY' THEN\n"
        + "    PERFORM pg_catalog.set_config('synchronous_commit', 'on', true);\n"
        + "  ELSE\n"
        + "    WHILE NOT (SELECT released FROM pgdest_fault.arm) LOOP PERFORM pg_catalog.pg_sleep(0.01); END LOOP;\n"
        + "  END IF;\n"
        + "  RETURN NULL;\n"
        + "END $$");
    return new ServerHooks(target, writer);
  }

  /**
   * Makes every COMMIT that asks for synchronous commit wait for a standby that never comes, while
   * everything else commits locally as usual. Server-wide: only for a server of one test class.
   */
  static void holdSynchronousCommits(TestDestination target) {
    install(target, "");
    target.execute("ALTER SYSTEM SET synchronous_standby_names = 'pgdest_no_such_standby'");
    target.execute("ALTER SYSTEM SET synchronous_commit = 'local'"); // the testkit's servers say off already
    target.execute("SELECT pg_catalog.pg_reload_conf()");
    // Proof that the reload reached every process: a commit that asks for it is held.
    CompletableFuture<Void> probe = CompletableFuture.runAsync(() -> {
      try (Connection c = target.adminConnection(); Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        st.execute("SET LOCAL application_name = 'pgdest_sync_probe'");
        st.execute("SET LOCAL synchronous_commit = on");
        st.execute("UPDATE pgdest_fault.arm SET released = released"); // a commit that writes WAL waits
        c.commit();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    await(() -> {
      if (probe.isDone()) {
        throw new AssertionError("a synchronous commit was not held: synchronous_standby_names is not in effect");
      }
      return target.queryValue("SELECT pid FROM pg_catalog.pg_stat_activity WHERE application_name = 'pgdest_sync_probe'"
          + " AND wait_event = 'SyncRep'") != null;
    }, "a synchronous commit to be held");
    target.execute("SELECT pg_catalog.pg_cancel_backend(pid) FROM pg_catalog.pg_stat_activity"
        + " WHERE application_name = 'pgdest_sync_probe'");
    probe.join();
  }

  /** Undoes {@link #holdSynchronousCommits}. */
  static void releaseSynchronousCommits(TestDestination target) {
    target.execute("ALTER SYSTEM RESET synchronous_standby_names");
    target.execute("ALTER SYSTEM RESET synchronous_commit");
    target.execute("SELECT pg_catalog.pg_reload_conf()");
  }

  /** Puts the hook's triggers on {@code table} of the destination's schema. */
  void attach(String table) {
    String t = target.qualified(table);
    target.execute("CREATE TRIGGER pgdest_fault_merge AFTER INSERT OR UPDATE OR DELETE ON " + t
        + " FOR EACH ROW EXECUTE FUNCTION pgdest_fault.hook('MERGE')");
    target.execute("CREATE TRIGGER pgdest_fault_reply AFTER INSERT OR UPDATE OR DELETE ON " + t
        + " FOR EACH ROW EXECUTE FUNCTION pgdest_fault.hook('REPLY')");
    target.execute("CREATE CONSTRAINT TRIGGER pgdest_fault_commit AFTER INSERT OR UPDATE OR DELETE ON " + t
        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pgdest_fault.hook('COMMIT')");
  }

  /** Arms the hook: the next row to reach {@code point} stops there (or asks for a held commit). */
  void arm(Point point) {
    target.execute("UPDATE pgdest_fault.arm SET point = ?, released = false", point.name());
    target.execute("SELECT pg_catalog.setval('pgdest_fault.shot', 1, false)");
  }

  /** Whether the armed hook has fired since {@link #arm}. */
  boolean fired() {
    return Boolean.TRUE.equals(target.queryValue("SELECT is_called FROM pgdest_fault.shot"));
  }

  /** Disarms the hook and lets a backend looping in it go on. */
  void release() {
    target.execute("UPDATE pgdest_fault.arm SET point = NULL, released = true");
  }

  /**
   * Waits until the writer's backend stopped at {@code point} and returns its pid: looping in the
   * hook (wait event {@code PgSleep}) or waiting for the held commit (wait event {@code SyncRep}).
   */
  int awaitStopped(Point point) {
    String event = point == Point.REPLY ? "SyncRep" : "PgSleep";
    int[] pid = new int[1];
    await(() -> {
      Object p = target.queryValue("SELECT pid FROM pg_catalog.pg_stat_activity WHERE usename = ?"
          + " AND datname = current_database() AND wait_event = ?", writer, event);
      pid[0] = p == null ? 0 : ((Number) p).intValue();
      return pid[0] != 0;
    }, "the writer's backend waiting at " + point);
    return pid[0];
  }

  /** Waits until the writer's backend is running a COPY and returns its pid. */
  int awaitCopy() {
    int[] pid = new int[1];
    await(() -> {
      Object p = target.queryValue("SELECT pid FROM pg_catalog.pg_stat_activity WHERE usename = ?"
          + " AND datname = current_database() AND state = 'active' AND query ILIKE 'COPY%'", writer);
      pid[0] = p == null ? 0 : ((Number) p).intValue();
      return pid[0] != 0;
    }, "the writer's backend running a COPY");
    return pid[0];
  }

  /** The writer's backends in this database, each with its state. */
  List<Map<String, Object>> backends() {
    return target.query("SELECT pid, state, query FROM pg_catalog.pg_stat_activity WHERE usename = ?"
        + " AND datname = current_database()", writer);
  }

  /** Terminates {@code pid} (FATAL 57P01 to its client). */
  void terminate(int pid) {
    target.queryValue("SELECT pg_catalog.pg_terminate_backend(?)", pid);
  }

  /** Terminates every backend of the writer in this database; returns how many. */
  int terminateAll() {
    return ((Number) target.queryValue("SELECT count(pg_catalog.pg_terminate_backend(pid)) FROM"
        + " pg_catalog.pg_stat_activity WHERE usename = ? AND datname = current_database()", writer)).intValue();
  }

  /** Waits until the statement {@code pid} runs has run for longer than {@code millis}. */
  void awaitRunningFor(int pid, long millis) {
    await(() -> Boolean.TRUE.equals(target.queryValue("SELECT pg_catalog.clock_timestamp() - query_start"
        + " > ? * interval '1 millisecond' FROM pg_catalog.pg_stat_activity WHERE pid = ?", millis, pid)),
        "a statement running for " + millis + " ms");
  }

  /** Cancels the current statement of {@code pid}; a held commit then goes on. */
  void cancel(int pid) {
    target.queryValue("SELECT pg_catalog.pg_cancel_backend(?)", pid);
  }

  /** Polls {@code condition} every 10 ms until it holds; fails after 20 s naming {@code what}. */
  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
