package dev.pgdest.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.SyncResult;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.FaultProxy;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.TestDestinations;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A COMMIT whose reply never arrives: the session's connection (through the testkit's fault proxy)
 * is cut while its COMMIT is held at the server ({@link CommitHold}); the server then either
 * completes the COMMIT with nobody listening or rolls it back. Either way the session must settle
 * what happened before replaying anything: the data and the position land exactly once.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM, schema = "lost_commit")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LostCommitIT {
  private static final TableSpec EVENTS = TableSpec.builder("events").column("id", PgType.BIGINT)
      .column("note", PgType.TEXT).build();
  private static final TableSpec ACCOUNTS = TableSpec.builder("accounts").column("id", PgType.BIGINT)
      .column("n", PgType.BIGINT).primaryKey("id").build();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private TestDestination dest;
  private final ExecutorService committer = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    committer.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void aCommitThatLandedWithoutItsReplyIsNotAppliedAgain(WriterKind writer) throws Exception {
    run(writer, true);
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void aCommitThatNeverLandedIsReplayedOnce(WriterKind writer) throws Exception {
    run(writer, false);
  }

  private void run(WriterKind writer, boolean serverCommits) throws Exception {
    try (FaultProxy proxy = FaultProxy.start(dest.server());
         Destination d = Destination.open(TestDestinations.writerConfig(proxy.asServer(dest.server()), dest.database(),
             dest.schema(), writer.user(dest)).build());
         SyncSession s = d.openSync("lost");
         CommitHold hold = new CommitHold(dest)) {
      s.claim("log");
      TableChanges events = s.table(EVENTS, WriteMode.APPEND);
      TableChanges accounts = s.table(ACCOUNTS);
      s.commit(); // creates the tables, so that the hold's trigger can go on one
      hold.install("events");
      hold.arm("events", 1);
      for (long i = 1; i <= 1_000; i++) {
        events.append(i, "event " + i);
        accounts.upsert(i % 100, i);
      }

      Future<SyncResult> commit = committer.submit(() -> s.commit(Map.of("log", "1000")));
      int pid = hold.awaitHeldCommit(WAIT);
      proxy.cutAll();
      if (serverCommits) {
        hold.release();
      } else {
        hold.terminate(pid);
      }
      SyncResult result = commit.get(60, TimeUnit.SECONDS);

      assertThat(result.positions()).containsExactly(Map.entry("log", "1000"));
      if (!serverCommits) {
        assertThat(result.retries()).as("the rolled-back unit is replayed").isPositive();
      }
      assertLanded(1_000);

      // The session goes on over a new connection.
      for (long i = 1_001; i <= 1_100; i++) {
        events.append(i, "event " + i);
      }
      s.commit(Map.of("log", "1100"));
      assertLanded(1_100);
    }
  }

  private void assertLanded(long events) {
    assertThat(dest.query("SELECT count(*) AS n, count(DISTINCT id) AS ids, max(id) AS top FROM "
        + dest.qualified("events"))).as("every event exactly once").containsExactly(
        Map.of("n", events, "ids", events, "top", events));
    assertThat(dest.query("SELECT count(*) AS n, sum(n) AS total FROM " + dest.qualified("accounts")))
        .as("the upserts' last values").containsExactly(Map.of("n", 100L, "total", lastValuesSum()));
    assertThat(Checkpoints.positions(dest, "lost")).containsExactly(Map.entry("log", String.valueOf(events)));
  }

  /** Sum over keys 0..99 of the last i (1..1000) with i % 100 == key: 901..1000. */
  private static java.math.BigDecimal lastValuesSum() {
    long sum = 0;
    for (long i = 901; i <= 1_000; i++) {
      sum += i;
    }
    return java.math.BigDecimal.valueOf(sum);
  }
}
