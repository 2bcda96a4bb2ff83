package dev.pgdest.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgdestException;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.FaultProxy;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every fault at every moment of a batch in every write mode: the table ends exactly as a reference
 * model says (no row lost, none doubled), and a failure that reaches the caller is a
 * {@link PgdestException} naming the table, after which the table is as the last committed batch
 * left it. Prints the matrix with each cell's outcome. The restricted seed writer, through the
 * testkit's fault proxy, on the default major.
 *
 * <p>Each cell seeds a table with ids 1..40, then writes two batches of ten rows (APPEND 41..60,
 * UPSERT and REPLACE 31..50, DELETE keys 5..24); the fault hits the second.
 */
@PgdestTest(schema = "matrix")
class FaultMatrixIT {
  enum Fault { KILL, CUT, IDLE_TIMEOUT, STATEMENT_TIMEOUT }

  enum Moment { BEFORE_COPY, MID_COPY, MID_MERGE, DURING_COMMIT, AFTER_COMMIT }

  private static final List<WriteMode> MODES =
      List.of(WriteMode.APPEND, WriteMode.UPSERT, WriteMode.REPLACE, WriteMode.DELETE);
  private static TestDestination target;
  private static ServerHooks hooks;
  private static FaultProxy proxy;
  private static String writer;

  @BeforeAll
  static void install() {
    writer = target.seedWriter().name();
    hooks = ServerHooks.install(target, writer);
    ServerHooks.holdSynchronousCommits(target);
    proxy = FaultProxy.start(target.server());
  }

  @AfterAll
  static void uninstall() {
    proxy.close();
    ServerHooks.releaseSynchronousCommits(target);
  }

  @Test
  @Timeout(600)
  void everyFaultAtEveryMomentInEveryModeLandsExactlyOnce() {
    List<String> lines = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int cells = 0;
    int skipped = 0;
    int landed = 0;
    int failedCleanly = 0;
    for (Fault fault : Fault.values()) {
      for (Moment moment : Moment.values()) {
        for (WriteMode mode : MODES) {
          cells++;
          String cell = fault + " " + moment + " " + mode;
          String skip = skipReason(fault, moment, mode);
          if (skip != null) {
            skipped++;
            lines.add(String.format("%-52s skipped: %s", cell, skip));
            continue;
          }
          try {
            String outcome = run(fault, moment, mode);
            if (outcome.startsWith("landed")) {
              landed++;
            } else {
              failedCleanly++;
            }
            lines.add(String.format("%-52s %s", cell, outcome));
            System.out.println("fault matrix: " + lines.get(lines.size() - 1));
          } catch (AssertionError | RuntimeException e) {
            problems.add(cell + ": " + e);
            lines.add(String.format("%-52s PROBLEM: %s", cell, e.toString().replace('\n', ' ')));
          } finally {
            hooks.release();
            target.execute("ALTER ROLE " + SlowSourceIT.quoted(writer) + " RESET ALL");
            proxy.heal();
          }
        }
      }
    }
    StringBuilder report = new StringBuilder("Fault matrix: ").append(cells).append(" cells, ")
        .append(cells - skipped).append(" run, ").append(skipped).append(" skipped; ").append(landed)
        .append(" landed exactly once, ").append(failedCleanly).append(" failed cleanly, ")
        .append(problems.size()).append(" problems\n");
    lines.forEach(l -> report.append("  ").append(l).append('\n'));
    System.out.println(report);
    assertThat(cells).isEqualTo(Fault.values().length * Moment.values().length * MODES.size());
    assertThat(problems).as(report.toString()).isEmpty();
  }

  private static String skipReason(Fault fault, Moment moment, WriteMode mode) {
    if (fault == Fault.IDLE_TIMEOUT && moment != Moment.BEFORE_COPY) {
      return "the server times out only a session waiting for its client's next query; in a COPY, a merge or"
          + " a COMMIT the backend is active";
    }
    if (fault == Fault.IDLE_TIMEOUT && target.majorVersion() < 14) {
      return "idle_session_timeout exists from PostgreSQL 14 on";
    }
    if (fault == Fault.STATEMENT_TIMEOUT && moment == Moment.BEFORE_COPY) {
      return "between batches no statement runs, so none can time out";
    }
    if (fault == Fault.STATEMENT_TIMEOUT && (moment == Moment.DURING_COMMIT || moment == Moment.AFTER_COMMIT)) {
      return "PostgreSQL stops the statement timer before COMMIT runs its deferred triggers and waits for the"
          + " commit record";
    }
    if (mode == WriteMode.APPEND && moment == Moment.MID_MERGE) {
      return "APPEND copies straight into the table: there is no merge";
    }
    return null;
  }

  /**
   * Whether the batch may fail rather than land. Kills, cuts and a connection the server closed
   * while idle are passing faults: the batch is replayed. A statement timeout while the caller
   * produces rows is the caller's think time, replayed from the journal; one in the merge is the
   * merge's own time, which a replay may not cure.
   */
  private static boolean mayFail(Fault fault, Moment moment) {
    return fault == Fault.STATEMENT_TIMEOUT && moment == Moment.MID_MERGE;
  }

  /** Runs one cell; returns its outcome, or throws when the table or the failure is wrong. */
  private static String run(Fault fault, Moment moment, WriteMode mode) throws AssertionError {
    String table = ("m_" + fault + "_" + moment + "_" + mode).toLowerCase();
    Map<Long, String> model = seed(table);
    List<Long> ids = workload(mode);
    hooks.attach(table);
    if (fault == Fault.STATEMENT_TIMEOUT) {
      target.execute("ALTER ROLE " + SlowSourceIT.quoted(writer) + " SET statement_timeout = '1s'");
    } else if (fault == Fault.IDLE_TIMEOUT) {
      target.execute("ALTER ROLE " + SlowSourceIT.quoted(writer) + " SET idle_session_timeout = '300ms'");
    }
    Map<Long, String> afterFirst = new TreeMap<>(model);
    if (mode != WriteMode.REPLACE) {
      apply(afterFirst, mode, ids.subList(0, 10));
    }
    Map<Long, String> afterBoth = new TreeMap<>(model);
    if (mode == WriteMode.REPLACE) {
      afterBoth.clear();
    }
    apply(afterBoth, mode, ids);
    PgdestException failure = null;
    WriteResult result = null;
    try (Destination dest = Destination.open(Tables.writerVia(target, proxy.host(), proxy.port()).batchRows(10)
             .maxRetries(3).build());
         TableWriter w = dest.writer(Tables.keyed(table), mode)) {
      write(w, mode, ids.subList(0, 10));
      try {
        result = faultSecondBatch(fault, moment, mode, w, ids.subList(10, 20));
      } catch (PgdestException e) {
        failure = e;
      }
    }
    Map<Long, String> actual = Tables.contents(target, table);
    if (failure == null) {
      assertThat(actual).as("the table after both batches").isEqualTo(afterBoth);
      return "landed, " + result.retries() + " replay(s)";
    }
    assertThat(mayFail(fault, moment)).as("a passing fault is replayed, not reported: %s", failure.getMessage()).isTrue();
    assertThat(failure.getMessage()).as("the failure names the table").contains("\"" + table + "\"");
    assertThat(actual).as("the table after a failed second batch: %s", failure.getMessage()).isEqualTo(afterFirst);
    return "failed cleanly: " + failure.getMessage();
  }

  private static WriteResult faultSecondBatch(Fault fault, Moment moment, WriteMode mode, TableWriter w,
      List<Long> ids) {
    switch (moment) {
      case BEFORE_COPY:
        injectIdle(fault);
        write(w, mode, ids);
        return w.commit();
      case MID_COPY:
        write(w, mode, ids.subList(0, 5));
        int pid = hooks.awaitCopy();
        injectInCopy(fault, pid);
        write(w, mode, ids.subList(5, 10));
        return w.commit();
      default:
        ServerHooks.Point point = moment == Moment.MID_MERGE ? ServerHooks.Point.MERGE
            : moment == Moment.DURING_COMMIT ? ServerHooks.Point.COMMIT : ServerHooks.Point.REPLY;
        hooks.arm(point);
        CompletableFuture<WriteResult> landed = CompletableFuture.supplyAsync(() -> {
          write(w, mode, ids);
          return w.commit();
        });
        injectStopped(fault, point);
        try {
          return landed.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof PgdestException p) {
            throw p;
          }
          throw new AssertionError("not a PgdestException", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
          // Free the writer's thread, so that closing the writer does not wait for it forever.
          hooks.release();
          hooks.terminateAll();
          throw new AssertionError("the writer did not finish within 30 s", e);
        }
    }
  }

  /** Between batches: the writer's connection dies while it waits for the caller. */
  private static void injectIdle(Fault fault) {
    switch (fault) {
      case KILL:
        assertThat(hooks.terminateAll()).as("writer backends to kill").isPositive();
        break;
      case CUT:
        proxy.cutAll();
        break;
      case IDLE_TIMEOUT:
        ServerHooks.await(() -> hooks.backends().isEmpty(), "the server to close the idle writer");
        break;
      default:
        throw new IllegalArgumentException(fault.name());
    }
  }

  /** While the COPY is open and the caller still produces rows. */
  private static void injectInCopy(Fault fault, int pid) {
    switch (fault) {
      case KILL:
        hooks.terminate(pid);
        break;
      case CUT:
        proxy.cutAll();
        break;
      case STATEMENT_TIMEOUT:
        // The server cancels a COPY waiting for data only when the next data arrives: think past the timeout.
        hooks.awaitRunningFor(pid, 1200);
        break;
      default:
        throw new IllegalArgumentException(fault.name());
    }
  }

  /** While the backend is stopped by the hook at {@code point}. */
  private static void injectStopped(Fault fault, ServerHooks.Point point) {
    switch (fault) {
      case KILL:
        hooks.terminate(hooks.awaitStopped(point));
        hooks.release();
        break;
      case CUT: {
        int pid = hooks.awaitStopped(point);
        proxy.cutAll();
        if (point == ServerHooks.Point.REPLY) {
          hooks.cancel(pid); // the held commit goes on and its reply goes nowhere
        } else {
          hooks.release();
        }
        break;
      }
      case STATEMENT_TIMEOUT:
        ServerHooks.await(hooks::fired, "the hook at " + point); // the server's timer does the rest
        break;
      default:
        throw new IllegalArgumentException(fault.name());
    }
  }

  /** Ids 1..40, each "old", written without faults; returns them. */
  private static Map<Long, String> seed(String table) {
    Map<Long, String> model = new TreeMap<>();
    try (Destination dest = target.openDestination(target.writerConfigBuilder().build());
         TableWriter w = dest.writer(Tables.keyed(table), WriteMode.APPEND)) {
      for (long i = 1; i <= 40; i++) {
        w.write(i, "old");
        model.put(i, "old");
      }
      w.commit();
    }
    return model;
  }

  private static List<Long> workload(WriteMode mode) {
    long first = mode == WriteMode.APPEND ? 41 : mode == WriteMode.DELETE ? 5 : 31;
    List<Long> ids = new ArrayList<>();
    for (long i = first; i < first + 20; i++) {
      ids.add(i);
    }
    return ids;
  }

  private static void write(TableWriter w, WriteMode mode, List<Long> ids) {
    for (long id : ids) {
      if (mode == WriteMode.DELETE) {
        w.write(id);
      } else {
        w.write(id, "new");
      }
    }
  }

  private static void apply(Map<Long, String> model, WriteMode mode, List<Long> ids) {
    for (long id : ids) {
      if (mode == WriteMode.DELETE) {
        model.remove(id);
      } else {
        model.put(id, "new");
      }
    }
  }
}
