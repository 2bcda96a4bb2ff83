package dev.pgdest.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.DataException;
import dev.pgdest.Destination;
import dev.pgdest.FencedException;
import dev.pgdest.PgType;
import dev.pgdest.RejectPolicy;
import dev.pgdest.Rejection;
import dev.pgdest.SyncResult;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sync sessions on the unit of work: several tables and checkpoints in one transaction. */
@PgdestTest(schema = "sync")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SyncSessionIT {
  /** Set by the extension. */
  private static TestDestination target;

  private static TableSpec spec(String name) {
    return TableSpec.builder(name).column("id", PgType.BIGINT).column("v", PgType.TEXT).primaryKey("id").build();
  }

  private static Map<Long, String> table(String name) {
    Map<Long, String> out = new TreeMap<>();
    for (Map<String, Object> r : target.query("SELECT id, v FROM sync." + name)) {
      out.put(((Number) r.get("id")).longValue(), (String) r.get("v"));
    }
    return out;
  }

  @Test
  void theLastChangePerKeyWinsWithinAndAcrossCommitsAndPositionsLandWithTheData() {
    Random random = new Random(7);
    Map<Long, String> modelA = new TreeMap<>();
    Map<Long, String> modelB = new TreeMap<>();
    try (Destination dest = target.openDestination(); SyncSession sync = dest.openSync("model")) {
      assertThat(sync.claim("a", "b")).as("nothing committed yet").isEmpty();
      TableChanges a = sync.table(spec("model_a"));
      TableChanges b = sync.table(spec("model_b"));
      for (int commit = 1; commit <= 5; commit++) {
        for (int i = 0; i < 3000; i++) {
          boolean toA = random.nextBoolean();
          Map<Long, String> model = toA ? modelA : modelB;
          TableChanges t = toA ? a : b;
          long key = random.nextInt(500);
          if (random.nextInt(3) == 0) {
            t.delete(key);
            model.remove(key);
          } else {
            String v = "c" + commit + "i" + i;
            t.upsert(key, v);
            model.put(key, v);
          }
        }
        SyncResult r = sync.commit(Map.of("a", "pos-a-" + commit, "b", "pos-b-" + commit));
        assertThat(r.positions()).containsEntry("a", "pos-a-" + commit);
        assertThat(table("model_a")).as("table a after commit %d", commit).isEqualTo(modelA);
        assertThat(table("model_b")).as("table b after commit %d", commit).isEqualTo(modelB);
      }
    }
    try (Destination dest = target.openDestination(); SyncSession sync = dest.openSync("model")) {
      assertThat(sync.claim("a", "b")).containsExactlyInAnyOrderEntriesOf(Map.of("a", "pos-a-5", "b", "pos-b-5"));
    }
  }

  @Test
  void appendTablesLandExactlyOncePerCommitAndRollbackDropsChanges() {
    try (Destination dest = target.openDestination(); SyncSession sync = dest.openSync("append")) {
      sync.claim("k");
      TableChanges log = sync.table(spec("log"), WriteMode.APPEND);
      for (long i = 1; i <= 100; i++) {
        log.append(i, "x");
      }
      sync.rollback();
      assertThat(sync.pendingRows()).isZero();
      for (long i = 1; i <= 100; i++) {
        log.append(i, "y");
      }
      assertThat(sync.commit(Map.of("k", "100")).table("log").rowsInserted()).isEqualTo(100);
    }
    assertThat(target.rowCount("log")).isEqualTo(100);
  }

  @Test
  void anOlderClaimIsFencedAndChangesNothingWhileOtherKeysAreUnaffected() {
    try (Destination dest = target.openDestination(); SyncSession zombie = dest.openSync("fence");
         SyncSession fresh = dest.openSync("fence")) {
      zombie.claim("p0", "p1");
      fresh.claim("p0");
      zombie.table(spec("fenced")).upsert(1L, "zombie");
      assertThatThrownBy(() -> zombie.commit(Map.of("p0", "9"))).isInstanceOf(FencedException.class)
          .satisfies(e -> assertThat(((FencedException) e).key()).isEqualTo("p0"));
      assertThat(target.rowCount("fenced")).as("nothing of the fenced commit").isZero();
      zombie.table(spec("fenced")).upsert(2L, "p1 only");
      zombie.commit(Map.of("p1", "3"));
      fresh.table(spec("fenced")).upsert(3L, "fresh");
      fresh.commit(Map.of("p0", "10"));
    }
    assertThat(table("fenced")).isEqualTo(Map.of(2L, "p1 only", 3L, "fresh"));
    assertThatThrownBy(() -> {
      try (Destination dest = target.openDestination(); SyncSession s = dest.openSync("fence")) {
        s.commit(Map.of("never", "1"));
      }
    }).isInstanceOf(IllegalStateException.class).hasMessageContaining("did not claim");
  }

  @Test
  void versionsNeverGoBackwardsAndSoftDeletesAreClearedByUpserts() {
    TableSpec versioned = TableSpec.builder("versioned").column("id", PgType.BIGINT).column("v", PgType.TEXT)
        .column("ver", PgType.BIGINT).primaryKey("id").versionColumn("ver").softDelete("deleted_at").build();
    try (Destination dest = target.openDestination(); SyncSession sync = dest.openSync("versions")) {
      TableChanges t = sync.table(versioned);
      t.upsert(1L, "v5", 5L);
      t.upsert(1L, "v3", 3L);          // older, same commit: loses
      t.upsert(2L, "v1", 1L);
      sync.commit();
      t.upsert(1L, "v4", 4L);          // older than stored: ignored
      t.upsert(2L, "v1 again", 1L);    // equal version: the later change wins
      t.delete(Map.of("id", 3L));      // nothing stored
      sync.commit();
      t.delete(Map.of("id", 2L, "ver", 0L)); // an older delete: ignored
      t.delete(Map.of("id", 1L, "ver", 6L));
      sync.commit();
    }
    assertThat(target.query("SELECT id, v, ver, deleted_at IS NOT NULL AS gone FROM sync.versioned ORDER BY id"))
        .containsExactly(Map.of("id", 1L, "v", "v5", "ver", 6L, "gone", true),
            Map.of("id", 2L, "v", "v1 again", "ver", 1L, "gone", false));
    try (Destination dest = target.openDestination(); SyncSession sync = dest.openSync("versions")) {
      sync.table(versioned).upsert(1L, "back", 7L);
      sync.commit();
    }
    assertThat(target.query("SELECT v, deleted_at IS NULL AS present FROM sync.versioned WHERE id = 1"))
        .containsExactly(Map.of("v", "back", "present", true));
  }

  @Test
  void underSkipEveryRefusedChangeIsReportedWithoutItsValueAndTheRestLands() {
    try (Destination dest = target.openDestination()) {
      dest.ensureSchema(); // the writer's schema, so that the table an administrator adds is its to use
    }
    target.execute("CREATE TABLE sync.checked (id bigint PRIMARY KEY,"
        + " small smallint, v text CHECK (v <> 'secret-bad')); GRANT ALL ON sync.checked TO \""
        + target.seedWriter().name() + "\"");
    TableSpec checked = TableSpec.builder("checked").column("id", PgType.BIGINT).column("small", PgType.SMALLINT)
        .column("v", PgType.TEXT).primaryKey("id").build();
    List<Rejection> seen = new ArrayList<>();
    long bad;
    long tooBig;
    try (Destination dest = target.openDestination();
         SyncSession sync = dest.openSync("skip", RejectPolicy.SKIP, seen::add)) {
      sync.claim("s");
      TableChanges t = sync.table(checked);
      long server = 0;
      long client = 0;
      for (long i = 1; i <= 10_000; i++) {
        long p = t.upsert(i, i == 4_321 ? 99_999 : 1, i == 7_777 ? "secret-bad" : "ok");
        server = i == 7_777 ? p : server;
        client = i == 4_321 ? p : client;
      }
      bad = server;
      tooBig = client;
      SyncResult r = sync.commit(Map.of("s", "10000"));
      assertThat(r.rejected()).isEqualTo(2);
      assertThat(r.table("checked").rowsInserted()).isEqualTo(9_998);
    }
    assertThat(seen).extracting(Rejection::position).containsExactly(tooBig, bad);
    assertThat(seen.get(0).column()).isEqualTo("small");
    assertThat(seen.get(1).sqlState()).isEqualTo("23514");
    assertThat(seen).allSatisfy(r -> assertThat(r.reason()).doesNotContain("secret-bad").doesNotContain("99999"));
    assertThat(target.rowCount("checked")).isEqualTo(9_998);
    try (Destination dest = target.openDestination(); SyncSession sync = dest.openSync("fail")) {
      sync.claim("f");
      TableChanges t = sync.table(checked);
      t.upsert(20_001L, 1, "ok");
      t.upsert(20_002L, 1, "secret-bad");
      assertThatThrownBy(() -> sync.commit(Map.of("f", "2"))).isInstanceOf(DataException.class)
          .hasMessageNotContaining("secret-bad").satisfies(e -> assertThat(((DataException) e).row()).hasValue(2));
      assertThat(sync.claim("f")).as("no position landed").isEmpty();
    }
    assertThat(target.rowCount("checked")).as("nothing of the failed unit").isEqualTo(9_998);
  }
}
