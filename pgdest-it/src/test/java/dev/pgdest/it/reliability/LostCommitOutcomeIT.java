package dev.pgdest.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.it.support.CommitReplyRelay;
import dev.pgdest.testkit.FaultProxy;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A COMMIT whose outcome the client cannot know is settled on the server before anything is
 * replayed: a batch that committed is never landed twice, one that did not is replayed. As the
 * restricted seed writer, on the default major (the rule does not depend on the version).
 */
@PgdestTest(schema = "reliab")
class LostCommitOutcomeIT {
  private static TestDestination target;
  private static ServerHooks hooks;

  @BeforeAll
  static void install() {
    hooks = ServerHooks.install(target, target.seedWriter().name());
  }

  /** Issue 11, item 1: FATAL 57P01 for a COMMIT that did commit replayed the batch: 1,000 rows twice. */
  @ParameterizedTest(name = "COMMIT answered with FATAL {0}")
  @ValueSource(strings = {"57P01", "57P02", "57P05"})
  @Timeout(120)
  void rowsDoubledWhenTheServerCommitsButTheReplyIsFatal(String sqlState) throws Exception {
    appendThroughForgedCommit("doubled_" + sqlState.toLowerCase(), relay -> relay.forgeNext(sqlState));
  }

  /** Appends 3,000 rows in batches of 1,000 through a relay armed by {@code arm}; each must land once. */
  private static void appendThroughForgedCommit(String table, Consumer<CommitReplyRelay> arm) throws Exception {
    try (CommitReplyRelay relay = new CommitReplyRelay(target.server().host(), target.server().port());
         Destination dest = Destination.open(Tables.writerVia(target, relay.host(), relay.port()).batchRows(1000).build());
         TableWriter w = dest.writer(Tables.unkeyed(table), WriteMode.APPEND)) {
      arm.accept(relay);
      for (long i = 1; i <= 3000; i++) {
        w.write(i, "row " + i);
      }
      WriteResult r = w.commit();
      assertThat(relay.forged()).as("a COMMIT reply was replaced").isEqualTo(1);
      assertThat(r.rowsStaged()).isEqualTo(3000);
    }
    assertThat(Tables.counts(target, table)).as("every row exactly once").containsExactly(3000L, 3000L);
  }

  /** Issue 11, item 2: REPLACE reported failed (the swap retried after its shadow was dropped) although it landed. */
  @ParameterizedTest(name = "swap COMMIT answered with FATAL {0}")
  @ValueSource(strings = {"57P01", "57P02"})
  @Timeout(120)
  void replaceReportedFailedAlthoughItLanded(String sqlState) throws Exception {
    String table = "replaced_" + sqlState.toLowerCase();
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(100).build());
         TableWriter w = dest.writer(Tables.keyed(table), WriteMode.APPEND)) {
      for (long i = 1; i <= 50; i++) {
        w.write(i, "old");
      }
      w.commit();
    }
    try (CommitReplyRelay relay = new CommitReplyRelay(target.server().host(), target.server().port());
         Destination dest = Destination.open(Tables.writerVia(target, relay.host(), relay.port()).batchRows(100).build());
         TableWriter w = dest.writer(Tables.keyed(table), WriteMode.REPLACE)) {
      for (long i = 101; i <= 200; i++) {
        w.write(i, "new");
      }
      relay.forgeNext(sqlState);
      w.commit();
      assertThat(relay.forged()).as("a COMMIT reply was replaced").isEqualTo(1);
    }
    Map<Long, String> expected = new TreeMap<>();
    for (long i = 101; i <= 200; i++) {
      expected.put(i, "new");
    }
    assertThat(Tables.contents(target, table)).as("exactly the new contents").isEqualTo(expected);
    assertThat(target.query("SELECT relname FROM pg_catalog.pg_class WHERE relname LIKE '%pgdest_replace%'"))
        .as("no REPLACE shadow table left behind").isEmpty();
  }

  /**
   * Issue 11, item 3: a connection cut just before COMMIT (the backend busy in the merge or in a
   * commit-time trigger) came out as a raw NullPointerException from the pool, not replayed.
   */
  @ParameterizedTest(name = "{0} cut at {1}")
  @CsvSource({"UPSERT, MERGE", "UPSERT, COMMIT", "APPEND, COMMIT", "DELETE, MERGE"})
  @Timeout(120)
  void cutJustBeforeCommitIsReplayedNotANullPointerException(WriteMode mode, ServerHooks.Point point)
      throws Exception {
    String table = "cut_" + mode.name().toLowerCase() + "_" + point.name().toLowerCase();
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(100).build());
         TableWriter w = dest.writer(Tables.keyed(table), WriteMode.APPEND)) {
      for (long i = 1; i <= 20; i++) {
        w.write(i, "old");
      }
      w.commit();
    }
    hooks.attach(table);
    Map<Long, String> expected = new TreeMap<>(Tables.contents(target, table));
    long first = mode == WriteMode.APPEND ? 21 : 11; // APPEND of existing keys would break the key
    try (FaultProxy proxy = FaultProxy.start(target.server());
         Destination dest = Destination.open(Tables.writerVia(target, proxy.host(), proxy.port()).batchRows(100).build());
         TableWriter w = dest.writer(Tables.keyed(table), mode)) {
      hooks.arm(point);
      CompletableFuture<WriteResult> landed = CompletableFuture.supplyAsync(() -> {
        for (long i = first; i < first + 20; i++) {
          if (mode == WriteMode.DELETE) {
            w.write(i);
          } else {
            w.write(i, "new");
          }
        }
        return w.commit();
      });
      hooks.awaitStopped(point);
      proxy.cutAll();
      hooks.release();
      WriteResult r = landed.get(60, TimeUnit.SECONDS);
      if (point == ServerHooks.Point.MERGE) {
        assertThat(r.retries()).as("the cut batch was replayed").isPositive();
      }
    } finally {
      hooks.release();
    }
    for (long i = first; i < first + 20; i++) {
      if (mode == WriteMode.DELETE) {
        expected.remove(i);
      } else {
        expected.put(i, "new");
      }
    }
    assertThat(Tables.contents(target, table)).as("the batch landed exactly once").isEqualTo(expected);
  }

  /** The other side of item 1: a backend killed inside COMMIT (before its commit record) is replayed once. */
  @Test
  @Timeout(120)
  void appendKilledInsideCommitIsReplayedOnce() throws Exception {
    String table = "killed_in_commit";
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(100).build());
         TableWriter w = dest.writer(Tables.keyed(table), WriteMode.APPEND)) {
      w.write(0L, "seed");
      w.commit();
    }
    hooks.attach(table);
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(1000)
             .retryBackoff(java.time.Duration.ofMillis(10)).build());
         TableWriter w = dest.writer(Tables.keyed(table), WriteMode.APPEND)) {
      hooks.arm(ServerHooks.Point.COMMIT);
      CompletableFuture<WriteResult> landed = CompletableFuture.supplyAsync(() -> {
        for (long i = 1; i <= 3000; i++) {
          w.write(i, "row " + i);
        }
        return w.commit();
      });
      hooks.terminate(hooks.awaitStopped(ServerHooks.Point.COMMIT));
      hooks.release();
      assertThat(landed.get(60, TimeUnit.SECONDS).retries()).isPositive();
    } finally {
      hooks.release();
    }
    assertThat(Tables.counts(target, table)).as("every row exactly once").isEqualTo(List.of(3001L, 3001L));
  }
}
