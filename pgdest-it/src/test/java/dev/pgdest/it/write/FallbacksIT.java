package dev.pgdest.it.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgdest.DataException;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each staging fallback of the unit of work against a real server: a direct COPY that meets an
 * existing key (23505), a merge that meets keys equal only on the server (21000), a duplicate key
 * found after rows already streamed live, and a refused row located by bisecting the journal.
 */
@PgdestVersions
@PgdestTest(schema = "fallbacks")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FallbacksIT {
  /** Set by the extension for each major. */
  private static TestDestination target;

  /** The writer creates the schema, so that tables an administrator adds there are its to use. */
  @BeforeEach
  void writerOwnsTheSchema() {
    try (Destination dest = Destination.open(target.writerConfig())) {
      dest.ensureSchema();
    }
  }

  private static TableSpec spec(String name) {
    return TableSpec.builder(name).column("id", PgType.BIGINT).column("v", PgType.TEXT).primaryKey("id").build();
  }

  @Test
  void aDirectCopyIntoANewTableThatMeetsAnEarlierBatchsKeyMergesInstead() throws Exception {
    try (Destination dest = Destination.open(target.writerConfigBuilder().batchRows(1000).build());
         TableWriter w = dest.writer(spec("direct"), WriteMode.UPSERT)) {
      for (long i = 1; i <= 1000; i++) {
        w.write(i, "first");
      }
      // Batch 2: half of it exists; the writer remembers the keys of its last batch and merges those
      // rows after the direct COPY (a key another session put in fails it: InBatchRepeatsIT).
      for (long i = 501; i <= 1500; i++) {
        w.write(i, "second");
      }
      WriteResult r = w.commit();
      assertThat(r.retries()).as("a fallback is not a retry").isZero();
      assertThat(r.rowsInserted()).isEqualTo(1500);
      assertThat(r.rowsUpdated()).isEqualTo(500);
    }
    assertThat(Rows.of(target, "SELECT v, count(*) FROM fallbacks.direct GROUP BY v ORDER BY v"))
        .containsExactly(List.of("first", 500L), List.of("second", 1000L));
  }

  @Test
  void aDuplicateKeyAfterRowsStreamedLiveReplaysTheBatchThroughOrderedStaging() throws Exception {
    try (Destination dest = Destination.open(target.writerConfigBuilder().batchRows(100_000).build());
         TableWriter w = dest.writer(spec("late_dup"), WriteMode.UPSERT)) {
      for (long i = 1; i <= 30_000; i++) { // well past one 64 KiB chunk: these rows went to the server live
        w.write(i, "v" + i);
      }
      w.write(7L, "last");
      w.commit();
    }
    assertThat(Rows.of(target, "SELECT count(*), count(DISTINCT id) FROM fallbacks.late_dup"))
        .containsExactly(List.of(30_000L, 30_000L));
    assertThat(target.queryValue("SELECT v FROM fallbacks.late_dup WHERE id = 7")).isEqualTo("last");
  }

  @Test
  void keysEqualOnlyUnderANondeterministicCollationAreDedupedAfterCardinalityViolation() throws Exception {
    Object icu = target.queryValue("SELECT count(*) FROM pg_catalog.pg_collation WHERE collprovider = 'i'");
    assumeTrue(((Number) icu).longValue() > 0, "server built without ICU");
    target.execute("CREATE COLLATION IF NOT EXISTS fallbacks.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
        + " CREATE TABLE fallbacks.ci_keys (k text COLLATE fallbacks.ci PRIMARY KEY, v text);"
        + " GRANT ALL ON fallbacks.ci_keys TO \"" + target.seedWriter().name() + "\"");
    TableSpec ci = TableSpec.builder("ci_keys").column("k", PgType.TEXT).column("v", PgType.TEXT).primaryKey("k").build();
    try (Destination dest = Destination.open(target.writerConfig()); TableWriter w = dest.writer(ci, WriteMode.UPSERT)) {
      w.write("abc", "first");
      w.write("ABC", "second"); // hashes apart on the client, equal on the server: 21000, then dedupe
      w.write("x", "other");
      w.commit();
    }
    assertThat(Rows.of(target, "SELECT k, v FROM fallbacks.ci_keys ORDER BY v"))
        .as("one row per key, the last one given").containsExactly(List.of("x", "other"), List.of("ABC", "second"));
  }

  // Issue: the row of a server-side refusal was parsed from the English CONTEXT text and lost under
  // another lc_messages, and merge-time refusals (23514) had no row at all.
  @Test
  void theRowTheServerRefusesIsFoundInTheJournalWhateverTheMessageLanguage() throws Exception {
    target.execute("CREATE TABLE fallbacks.checked"
        + " (id bigint PRIMARY KEY, v text CHECK (v <> 'bad')); GRANT ALL ON fallbacks.checked TO \""
        + target.seedWriter().name() + "\"");
    for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.UPSERT)) {
      try (Destination dest = Destination.open(target.writerConfigBuilder().batchRows(50_000).build());
           TableWriter w = dest.writer(TableSpec.builder("checked").column("id", PgType.BIGINT)
               .column("v", PgType.TEXT).primaryKey("id").build(), mode)) {
        for (long i = 1; i <= 20_000; i++) {
          w.write(i, i == 13_579 ? "bad" : "ok");
        }
        assertThatThrownBy(w::commit).as("%s", mode).isInstanceOf(DataException.class)
            .hasMessageContaining("at row 13579").hasMessageNotContaining("'bad'")
            .satisfies(e -> assertThat(((DataException) e).row()).hasValue(13_579))
            .satisfies(e -> assertThat(((DataException) e).sqlState()).hasValue("23514"));
      }
      assertThat(target.rowCount("checked")).as("%s rolled back", mode).isZero();
    }
  }

  @Test
  void anUpsertWriterWithAVersionColumnNeverOverwritesANewerRow() throws Exception {
    TableSpec versioned = TableSpec.builder("versioned").column("id", PgType.BIGINT).column("v", PgType.TEXT)
        .column("ver", PgType.BIGINT).primaryKey("id").versionColumn("ver").build();
    try (Destination dest = Destination.open(target.writerConfigBuilder().batchRows(3).build());
         TableWriter w = dest.writer(versioned, WriteMode.UPSERT)) {
      w.write(1L, "v5", 5L);
      w.write(1L, "v3", 3L);   // older, same batch (ordered staging): loses
      w.write(2L, "v1", 1L);
      w.write(1L, "v4", 4L);   // batch 2 merges: older than the stored row, ignored
      w.write(2L, "v1 again", 1L); // equal version: the later row wins
      w.commit();
    }
    assertThat(Rows.of(target, "SELECT id, v, ver FROM fallbacks.versioned ORDER BY id"))
        .containsExactly(List.of(1L, "v5", 5L), List.of(2L, "v1 again", 1L));
  }
}
