package dev.pgdest.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order of changes, against a reference model (a map the test applies every change to, one by
 * one): within one commit and across commits the last operation per key wins; with a version
 * column a change applies only when its version is at least the stored one (equal: the later
 * change wins); a soft delete marks the row and a later upsert clears the mark. Both writers,
 * every major.
 */
@PgdestVersions
@PgdestTest(schema = "ordering")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrderingIT {
  private static final TableSpec PLAIN = TableSpec.builder("plain").column("id", PgType.BIGINT)
      .column("v", PgType.TEXT).primaryKey("id").build();
  private static final TableSpec VERSIONED = TableSpec.builder("versioned").column("id", PgType.BIGINT)
      .column("v", PgType.TEXT).column("version", PgType.BIGINT).primaryKey("id").versionColumn("version").build();
  private static final TableSpec SOFT = TableSpec.builder("soft").column("id", PgType.BIGINT)
      .column("v", PgType.TEXT).primaryKey("id").softDelete("_deleted_at").build();

  private TestDestination dest;

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void upsertDeleteUpsertOfOneKeyInOneCommitAndAcrossCommits(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest)); SyncSession s = d.openSync("ordering")) {
      TableChanges t = s.table(PLAIN);
      t.upsert(4L, "four");
      s.commit();

      t.upsert(1L, "a");
      t.delete(1L);
      t.upsert(1L, "b");   // delete then upsert: present, last value
      t.upsert(2L, "a");
      t.delete(2L);        // upsert then delete: gone
      t.delete(3L);        // delete of a key never seen: nothing
      t.delete(4L);
      t.upsert(4L, "four again");
      s.commit();
      assertThat(plain()).containsExactly(Map.entry(1L, "b"), Map.entry(4L, "four again"));

      t.delete(1L);
      s.commit();
      assertThat(plain()).containsExactly(Map.entry(4L, "four again"));
      t.upsert(1L, "c");
      s.commit();
      assertThat(plain()).containsExactly(Map.entry(1L, "c"), Map.entry(4L, "four again"));
    }
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void randomUpsertsAndDeletesMatchTheModelAfterEveryCommit(WriterKind writer) {
    Random random = new Random(9);
    Map<Long, String> model = new TreeMap<>();
    try (Destination d = dest.openDestination(writer.config(dest)); SyncSession s = d.openSync("ordering")) {
      TableChanges t = s.table(PLAIN);
      for (int i = 1; i <= 3_000; i++) {
        long id = 1 + random.nextInt(40);
        if (random.nextInt(3) == 0) {
          t.delete(id);
          model.remove(id);
        } else {
          t.upsert(id, "v" + i);
          model.put(id, "v" + i);
        }
        if (random.nextInt(150) == 0 || i == 3_000) {
          s.commit();
          assertThat(plain()).as("after change %d", i).isEqualTo(model);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void versionsOutOfOrderNeverOverwriteNewerDataAndEqualVersionsLetTheLaterWin(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest)); SyncSession s = d.openSync("ordering")) {
      TableChanges t = s.table(VERSIONED);
      t.upsert(1L, "v5", 5L);
      s.commit();
      t.upsert(1L, "v3", 3L);          // older than stored: ignored
      s.commit();
      assertThat(versioned()).containsExactly(Map.entry(1L, List.of("v5", 5L)));
      t.upsert(1L, "v5 again", 5L);    // equal: the later change wins
      s.commit();
      assertThat(versioned()).containsExactly(Map.entry(1L, List.of("v5 again", 5L)));

      t.upsert(2L, "ten", 10L);
      t.upsert(2L, "seven", 7L);       // older, within the same commit: ignored
      t.upsert(3L, "p", 7L);
      t.upsert(3L, "q", 7L);           // equal, within the same commit: the later wins
      t.upsert(1L, "v9", 9L);
      s.commit();
      assertThat(versioned()).containsExactly(Map.entry(1L, List.of("v9", 9L)), Map.entry(2L, List.of("ten", 10L)),
          Map.entry(3L, List.of("q", 7L)));
    }
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void randomVersionsMatchTheModelAfterEveryCommit(WriterKind writer) {
    Random random = new Random(11);
    Map<Long, List<Object>> model = new TreeMap<>();
    Map<Long, Long> versions = new HashMap<>();
    try (Destination d = dest.openDestination(writer.config(dest)); SyncSession s = d.openSync("ordering")) {
      TableChanges t = s.table(VERSIONED);
      for (int i = 1; i <= 3_000; i++) {
        long id = 1 + random.nextInt(40);
        long version = i / 10 + random.nextInt(30); // arrivals up to 300 changes out of order, ties common
        t.upsert(id, "v" + i, version);
        Long stored = versions.get(id);
        if (stored == null || version >= stored) {
          versions.put(id, version);
          model.put(id, List.of("v" + i, version));
        }
        if (random.nextInt(150) == 0 || i == 3_000) {
          s.commit();
          assertThat(versioned()).as("after change %d", i).isEqualTo(model);
        }
      }
    }
  }

  /** Upserts by name: the soft-delete column is the table's, not the source's, to give. */
  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void softDeleteMarksTheRowAndAnUpsertClearsTheMark(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest)); SyncSession s = d.openSync("ordering")) {
      TableChanges t = s.table(SOFT);
      t.upsert(Map.of("id", 1L, "v", "a"));
      t.upsert(Map.of("id", 2L, "v", "b"));
      s.commit();

      t.delete(1L);
      s.commit();
      assertThat(soft()).containsExactly(Map.entry(1L, List.of("a", true)), Map.entry(2L, List.of("b", false)));

      t.upsert(Map.of("id", 1L, "v", "a2"));               // un-delete
      t.delete(2L);
      t.upsert(Map.of("id", 2L, "v", "b2"));               // delete then upsert in one commit: present, not deleted
      s.commit();
      assertThat(soft()).containsExactly(Map.entry(1L, List.of("a2", false)), Map.entry(2L, List.of("b2", false)));

      t.delete(2L);
      s.commit();
      assertThat(soft()).containsExactly(Map.entry(1L, List.of("a2", false)), Map.entry(2L, List.of("b2", true)));
    }
    assertThat(dest.queryValue("SELECT count(*) FROM " + dest.qualified("soft")
        + " WHERE _deleted_at IS NOT NULL AND _deleted_at > pg_catalog.now() - interval '1 hour'"))
        .as("the mark is the commit's time").isEqualTo(1L);
  }

  private Map<Long, String> plain() {
    Map<Long, String> out = new TreeMap<>();
    for (Map<String, Object> r : dest.query("SELECT id, v FROM " + dest.qualified("plain"))) {
      out.put((Long) r.get("id"), (String) r.get("v"));
    }
    return out;
  }

  private Map<Long, List<Object>> versioned() {
    Map<Long, List<Object>> out = new TreeMap<>();
    for (Map<String, Object> r : dest.query("SELECT id, v, version FROM " + dest.qualified("versioned"))) {
      out.put((Long) r.get("id"), List.of(r.get("v"), r.get("version")));
    }
    return out;
  }

  /** Rows by id: value and whether soft-deleted. */
  private Map<Long, List<Object>> soft() {
    Map<Long, List<Object>> out = new TreeMap<>();
    for (Map<String, Object> r : dest.query("SELECT id, v, _deleted_at IS NOT NULL AS deleted FROM "
        + dest.qualified("soft"))) {
      out.put((Long) r.get("id"), List.of(r.get("v"), r.get("deleted")));
    }
    return out;
  }
}
