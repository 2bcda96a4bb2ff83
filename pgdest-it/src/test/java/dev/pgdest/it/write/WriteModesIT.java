package dev.pgdest.it.write;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every write mode against a real server of every supported major, across several batches. */
@PgdestVersions
@PgdestTest(schema = "modes")
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WriteModesIT {
  /** Set by the extension for each major. */
  private static TestDestination target;
  /** Opened once per major; closed with {@link #target}. */
  private static Destination dest;
  /** The database {@link #dest} writes to; a static TestDestination field would be injected too. */
  private static String openedIn;

  @BeforeEach
  void openOncePerMajor() {
    if (!target.database().equals(openedIn)) {
      openedIn = target.database();
      dest = target.openDestination(target.writerConfigBuilder().batchRows(3).build());
    }
  }

  private static TableSpec spec(String name) {
    return TableSpec.builder(name).column("id", PgType.BIGINT).column("v", PgType.TEXT).primaryKey("id").build();
  }

  @Test
  void appendInsertsEveryRowAcrossBatches() throws Exception {
    try (TableWriter w = dest.writer(spec("append"), WriteMode.APPEND)) {
      for (long i = 1; i <= 10; i++) {
        w.write(i, "v" + i);
      }
      WriteResult r = w.commit();
      assertThat(r.rowsStaged()).isEqualTo(10);
      assertThat(r.rowsInserted()).isEqualTo(10);
      assertThat(r.batches()).isEqualTo(4);
    }
    assertThat(target.rowCount("append")).isEqualTo(10);
  }

  @Test
  void upsertInsertsUpdatesSkipsUnchangedAndLastDuplicateWins() throws Exception {
    try (TableWriter w = dest.writer(spec("upsert"), WriteMode.UPSERT)) {
      for (long i = 1; i <= 5; i++) {
        w.write(i, "a" + i);
      }
      w.commit();
    }
    try (TableWriter w = dest.writer(spec("upsert"), WriteMode.UPSERT)) {
      w.write(1L, "a1");          // unchanged
      w.write(2L, "changed");     // updated
      w.write(6L, "first");       // inserted, then overwritten in the same batch
      w.write(6L, "second");
      w.write(Map.of("id", 6L, "v", "third"));
      WriteResult r = w.commit();
      assertThat(r.rowsStaged()).isEqualTo(5);
      // Batches of 3: row 2 changes and 6 is new in the first; the second batch updates 6 (last wins).
      assertThat(r.rowsUpdated()).as("row 1 unchanged is not rewritten").isEqualTo(2);
      assertThat(r.rowsInserted()).isEqualTo(1);
    }
    assertThat(Rows.of(target, "SELECT id, v FROM modes.upsert ORDER BY id")).containsExactly(
        List.of(1L, "a1"), List.of(2L, "changed"), List.of(3L, "a3"), List.of(4L, "a4"), List.of(5L, "a5"),
        List.of(6L, "third"));
  }

  @Test
  void upsertIntoANewTableWithDuplicatesInAndAcrossBatches() throws Exception {
    try (TableWriter w = dest.writer(spec("fresh"), WriteMode.UPSERT)) {
      w.write(1L, "x");
      w.write(1L, "y");
      w.write(2L, "z");   // batch 1: in-batch duplicate
      w.write(2L, "w");   // batch 2: key from batch 1
      w.write(3L, "q");
      w.commit();
    }
    assertThat(Rows.of(target, "SELECT id, v FROM modes.fresh ORDER BY id"))
        .containsExactly(List.of(1L, "y"), List.of(2L, "w"), List.of(3L, "q"));
  }

  @Test
  void upsertWithoutUniqueIndexMergesByJoin() throws Exception {
    target.execute("CREATE SCHEMA IF NOT EXISTS modes; CREATE TABLE modes.nokey (id bigint, v text);"
        + " INSERT INTO modes.nokey VALUES (1, 'old'), (2, 'keep'); GRANT ALL ON modes.nokey TO \"" + target.seedWriter().name() + "\"");
    try (TableWriter w = dest.writer(spec("nokey"), WriteMode.UPSERT)) {
      w.write(1L, "new");
      w.write(3L, "a");
      w.write(3L, "b");
      w.write(2L, "keep");
      WriteResult r = w.commit();
      assertThat(r.rowsUpdated()).isEqualTo(1);
      assertThat(r.rowsInserted()).isEqualTo(1);
    }
    assertThat(Rows.of(target, "SELECT id, v FROM modes.nokey ORDER BY id"))
        .containsExactly(List.of(1L, "new"), List.of(2L, "keep"), List.of(3L, "b"));
  }

  @Test
  void replaceSwapsInExactlyTheLoadAtCommit() throws Exception {
    try (TableWriter w = dest.writer(spec("replace"), WriteMode.APPEND)) {
      for (long i = 1; i <= 4; i++) {
        w.write(i, "old");
      }
      w.commit();
    }
    try (TableWriter w = dest.writer(spec("replace"), WriteMode.REPLACE)) {
      for (long i = 10; i <= 16; i++) {
        w.write(i, "new");
      }
      w.write(10L, "newest");
      assertThat(target.rowCount("replace")).as("old rows stay until commit, across batches").isEqualTo(4);
      WriteResult r = w.commit();
      assertThat(r.rowsDeleted()).isEqualTo(4);
      assertThat(r.rowsInserted()).isEqualTo(7);
    }
    assertThat(Rows.of(target, "SELECT id, v FROM modes.replace ORDER BY id").get(0)).isEqualTo(List.of(10L, "newest"));
    assertThat(target.rowCount("replace")).isEqualTo(7);
    assertThat(Rows.of(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'modes' AND tablename LIKE 'replace$%'")
        .get(0).get(0)).as("no load table left behind").isEqualTo(0L);
  }

  @Test
  void deleteRemovesGivenKeys() throws Exception {
    try (TableWriter w = dest.writer(spec("delete"), WriteMode.APPEND)) {
      for (long i = 1; i <= 6; i++) {
        w.write(i, "v");
      }
      w.commit();
    }
    try (TableWriter w = dest.writer(spec("delete"), WriteMode.DELETE)) {
      w.write(2L);
      w.write(4L);
      w.write(4L);
      w.write(Map.of("id", 99L));
      WriteResult r = w.commit();
      assertThat(r.rowsDeleted()).isEqualTo(2);
    }
    assertThat(Rows.of(target, "SELECT id FROM modes.delete ORDER BY id"))
        .containsExactly(List.of(1L), List.of(3L), List.of(5L), List.of(6L));
  }

  @Test
  void closeWithoutCommitDiscardsAndWriteAfterCloseFails() throws Exception {
    TableWriter w = dest.writer(spec("discard"), WriteMode.APPEND);
    w.write(1L, "a");
    w.close();
    assertThat(target.rowCount("discard")).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.write(2L, "b")).isInstanceOf(IllegalStateException.class);
  }
}
