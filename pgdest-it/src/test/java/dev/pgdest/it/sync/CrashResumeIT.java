package dev.pgdest.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.SyncSession;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly-once across crashes: a sync engine in a child JVM ({@link SyncChild}) syncs three tables
 * (APPEND, UPSERT with deletes, UPSERT with a version column) and is killed with SIGKILL again and
 * again: at random moments, and in every fourth round inside its COMMIT, held there by a trigger
 * ({@link CommitHold}) whose COMMIT the test then lets finish without its client or rolls back.
 * After each kill the tables must equal the source up to the stored positions, exactly; a new
 * child then claims and resumes, and at the end every table equals the whole source.
 *
 * <p>{@code -Dpgdest.it.crashSeed=<n>} replays a run (the seed is printed);
 * {@code -Dpgdest.it.crashKills=<n>} sets the seed writer's kills (default 20). On the default
 * major only: what is tested is the client's bookkeeping, and one child JVM per kill is the cost.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM, schema = "crash")
class CrashResumeIT {
  private static final String SYNC = "crash-resume";
  private static final long END = 20_000;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private TestDestination dest;

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void everyTableEqualsTheSourceAfterRepeatedSigkills(WriterKind writer) throws Exception {
    int kills = writer == WriterKind.SEED ? Integer.getInteger("pgdest.it.crashKills", 20) : 8;
    long seed = Long.getLong("pgdest.it.crashSeed", System.nanoTime());
    System.out.println("CrashResumeIT " + writer + " seed=" + seed + " kills=" + kills);
    Random random = new Random(seed);
    WriterUser user = writer.user(dest);
    createTables(writer);
    int duringCommit = 0;
    int heldAndLanded = 0;
    try (CommitHold hold = new CommitHold(dest)) {
      hold.install(SyncSource.EVENTS);
      for (int k = 1; k <= kills; k++) {
        Map<String, Long> before = stored();
        boolean inCommit = k % 4 == 0;
        if (inCommit) {
          hold.arm(SyncSource.EVENTS, before.get(SyncSource.EVENTS) + 1);
        }
        try (ChildJvm child = start(user, random.nextLong())) {
          if (inCommit) {
            int pid = hold.awaitHeldCommit(WAIT);
            assertThat(hold.query(pid)).as("where the child's backend waits").containsIgnoringCase("commit");
            child.kill();
            duringCommit++;
            if (random.nextBoolean()) {
              hold.release(); // the COMMIT completes with its client dead
              hold.awaitGone(pid, WAIT);
              heldAndLanded++;
              assertThat(stored().get(SyncSource.EVENTS)).as("the held unit landed").isGreaterThan(before.get(SyncSource.EVENTS));
            } else {
              hold.terminate(pid);
              assertThat(stored()).as("the held unit rolled back").isEqualTo(before);
            }
          } else {
            child.awaitLine("claimed", WAIT);
            for (int c = random.nextInt(3); c > 0; c--) {
              child.awaitLine("committed", WAIT);
            }
            // The delay is the point: it scatters the kill over staging, merging and committing.
            Thread.sleep(random.nextInt(400));
            child.kill();
          }
        }
        awaitNoBackendsOf(user);
        assertMatchesSource(stored(), "after kill " + k + (inCommit ? " (during COMMIT)" : ""));
        assertThat(stored()).allSatisfy((stream, p) -> assertThat(p).as(stream).isGreaterThanOrEqualTo(before.get(stream)));
      }
      hold.release();
    }
    try (ChildJvm child = start(user, random.nextLong())) {
      child.awaitLine("done", Duration.ofSeconds(90));
      assertThat(child.awaitExit(WAIT)).as(child.output()).isZero();
    }
    Map<String, Long> end = stored();
    assertThat(end).as("positions").containsOnly(Map.entry(SyncSource.EVENTS, END), Map.entry(SyncSource.ACCOUNTS, END),
        Map.entry(SyncSource.CONTACTS, END));
    assertMatchesSource(end, "at the end");
    System.out.println("CrashResumeIT " + writer + ": " + kills + " kills, " + duringCommit + " during COMMIT ("
        + heldAndLanded + " of them landed without their client)");
  }

  /** The tables exist before the first child, so that the hold's trigger can be put on one. */
  private void createTables(WriterKind writer) {
    try (Destination d = Destination.open(writer.config(dest)); SyncSession s = d.openSync(SYNC)) {
      s.table(SyncSource.EVENTS_SPEC, WriteMode.APPEND);
      s.table(SyncSource.ACCOUNTS_SPEC);
      s.table(SyncSource.CONTACTS_SPEC);
      s.commit();
    }
  }

  private ChildJvm start(WriterUser user, long seed) throws Exception {
    return ChildJvm.start(SyncChild.class, user.password(), dest.server().host(), String.valueOf(dest.server().port()),
        dest.database(), dest.schema(), user.name(), SYNC, String.valueOf(END), String.valueOf(seed));
  }

  /** Stored positions, 0 for a stream never committed. */
  private Map<String, Long> stored() {
    Map<String, String> raw = Checkpoints.positions(dest, SYNC);
    Map<String, Long> out = new LinkedHashMap<>();
    for (String stream : SyncSource.STREAMS) {
      out.put(stream, Long.parseLong(raw.getOrDefault(stream, "0")));
    }
    return out;
  }

  private void assertMatchesSource(Map<String, Long> positions, String when) {
    for (String stream : SyncSource.STREAMS) {
      String diff = TableContents.diff(SyncSource.expected(stream, positions.get(stream)),
          TableContents.read(dest, SyncSource.spec(stream)));
      assertThat(diff).as("%s %s, position %s", stream, when, positions.get(stream)).isEmpty();
    }
  }

  /**
   * A killed client's backend may still be finishing its COMMIT; the tables are read once it is
   * gone, so that what they show is final.
   */
  private void awaitNoBackendsOf(WriterUser user) {
    CommitHold.await(WAIT, "the killed child's backends to end", () -> dest.queryValue(
        "SELECT CASE WHEN count(*) = 0 THEN true END FROM pg_catalog.pg_stat_activity WHERE usename = ?"
            + " AND datname = pg_catalog.current_database()", user.name()));
  }
}
