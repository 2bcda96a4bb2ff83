package dev.pgdest.it.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.NulPolicy;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.RowEncoder;
import dev.pgdest.internal.type.ColumnTypes;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * UPSERT of batches whose keys repeat, into a table copied straight into: the first row of each key
 * is copied in, the later ones go to the ordered stage and are merged after the COPY (issue: the
 * first repeated key sent the whole batch to the ordered stage again, and the writer merged every
 * later batch). Each case is also written into a table with a row already, which stages and merges
 * every batch, and must leave the same rows and counts. Which TEMP stages exist tells which path ran.
 */
@PgdestTest(schema = "repeats")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InBatchRepeatsIT {
  private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
  private static TestDestination target;

  @BeforeEach
  void schema() {
    target.resetSchema();
    target.execute("CREATE SCHEMA repeats");
    target.execute("GRANT ALL ON SCHEMA repeats TO \"" + target.seedWriter().name() + "\"");
  }

  /** A flight-like composite key: two texts, an integer, a date. */
  private static TableSpec flights(String name) {
    return TableSpec.builder(name).column("carrier", PgType.TEXT).column("flight_no", PgType.INTEGER)
        .column("origin", PgType.TEXT).column("day", PgType.DATE).column("v", PgType.TEXT)
        .primaryKey("carrier", "flight_no", "origin", "day").build();
  }

  private static Object[] flight(String carrier, int no, String v) {
    return new Object[] {carrier, no, "BOS", DAY, v};
  }

  /** Creates {@code name} as the admin, owned by the writer, holding one row no case writes. */
  private void existingWithARow(String name, String columns, String pk, String row) {
    target.execute("CREATE TABLE repeats." + name + " (" + columns + ", PRIMARY KEY (" + pk + "))");
    target.execute("ALTER TABLE repeats." + name + " OWNER TO \"" + target.seedWriter().name() + "\"");
    target.execute("INSERT INTO repeats." + name + " VALUES (" + row + ")");
  }

  private static final String FLIGHT_COLUMNS = "carrier text, flight_no integer, origin text, day date, v text";
  private static final String FLIGHT_KEY = "carrier, flight_no, origin, day";
  private static final String FLIGHT_SENTINEL = "'ZZ', 0, 'ZZZ', '2000-01-01', 'sentinel'";

  /** One writer's load; the TEMP stages it holds are read before it closes. */
  private record Load(WriteResult result, long plainStages, long orderedStages) {}

  private Load load(int batchRows, TableSpec spec, WriteMode mode, List<Object[]> rows) {
    try (Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(batchRows).build());
         TableWriter w = dest.writer(spec, mode)) {
      for (Object[] r : rows) {
        w.write(r);
      }
      WriteResult r = w.commit();
      return new Load(r, stages("NOT LIKE"), stages("LIKE"));
    }
  }

  private long stages(String like) {
    return ((Number) target.queryValue("SELECT count(*) FROM pg_class WHERE relpersistence = 't' AND relkind = 'r'"
        + " AND relname LIKE 'pgdest\\_stage%' AND relname " + like + " '%\\_ord'")).longValue();
  }

  private List<String> contents(String table, String order) {
    return target.query("SELECT * FROM repeats." + table + " ORDER BY " + order).stream()
        .map(m -> m.values().stream().map(String::valueOf).collect(Collectors.joining("|")))
        .filter(s -> !s.contains("sentinel")).toList();
  }

  /**
   * Loads {@code rows} into a table the writer creates ({@code name}) and into an existing one with a
   * row ({@code name_staged}); asserts both hold the same rows and counted the same, and returns the
   * direct load.
   */
  private Load bothWays(String name, int batchRows, List<Object[]> rows, Function<String, TableSpec> spec, String columns, String pk, String sentinel) {
    existingWithARow(name + "_staged", columns, pk, sentinel);
    Load staged = load(batchRows, spec.apply(name + "_staged"), WriteMode.UPSERT, rows);
    assertThat(staged.plainStages() + staged.orderedStages()).as("the table with a row is merged").isPositive();
    Load direct = load(batchRows, spec.apply(name), WriteMode.UPSERT, rows);
    assertThat(contents(name, pk)).as("the same rows as the staged path").isEqualTo(contents(name + "_staged", pk));
    assertThat(direct.result().rowsInserted()).as("inserted, as the staged path counts")
        .isEqualTo(staged.result().rowsInserted());
    assertThat(direct.result().rowsUpdated()).as("updated, as the staged path counts")
        .isEqualTo(staged.result().rowsUpdated());
    assertThat(direct.result().rowsStaged()).isEqualTo(rows.size());
    return direct;
  }

  @Test
  void aKeyGivenTwiceThriceOrThirtyTimesKeepsItsLastRowAndTheWriterStaysDirect() {
    List<Object[]> rows = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      String carrier = "C" + b;
      for (int i = 0; i < 20; i++) {
        rows.add(flight(carrier, i, "first"));
        if (i == 5) {
          rows.add(flight(carrier, 0, "twice"));
        }
        if (i >= 6 && i < 8) {
          rows.add(flight(carrier, 1, "thrice " + i));
        }
        if (i >= 8) {
          rows.add(flight(carrier, 2, "many " + i));
          rows.add(flight(carrier, 2, "many " + i + "b"));
          if (i == 19) {
            rows.add(flight(carrier, 2, "many last"));
          }
        }
      }
    }
    assertThat(rows).hasSize(3 * 20 + 3 * 28);
    Load direct = bothWays("flights", rows.size() / 3, rows, InBatchRepeatsIT::flights, FLIGHT_COLUMNS, FLIGHT_KEY,
        FLIGHT_SENTINEL);
    assertThat(direct.result().rowsInserted()).isEqualTo(60);
    assertThat(direct.result().rowsUpdated()).as("a key new in its batch is inserted, not updated").isZero();
    assertThat(direct.result().batches()).isEqualTo(3);
    assertThat(direct.result().retries()).isZero();
    assertThat(direct.plainStages()).as("every batch copied straight in: no plain stage").isZero();
    assertThat(direct.orderedStages()).as("the repeated rows went through the ordered stage").isOne();
    List<String> got = contents("flights", FLIGHT_KEY);
    assertThat(got).hasSize(60);
    for (int b = 0; b < 3; b++) {
      assertThat(got).contains("C" + b + "|0|BOS|2024-03-01|twice", "C" + b + "|1|BOS|2024-03-01|thrice 7",
          "C" + b + "|2|BOS|2024-03-01|many last", "C" + b + "|3|BOS|2024-03-01|first");
    }
  }

  @Test
  void aKeyOfAnEarlierBatchRepeatedInALaterOneIsMergedWithoutLeavingTheDirectCopy() {
    List<Object[]> rows = List.of(
        flight("AA", 1, "a"), flight("AA", 2, "a"), flight("AA", 1, "b"), flight("AA", 3, "a"),
        flight("AA", 1, "c"), flight("AA", 4, "a"), flight("AA", 1, "d"), flight("AA", 2, "b"),
        flight("AA", 5, "a"), flight("AA", 6, "a"));
    Load direct = bothWays("boundary", 4, rows, InBatchRepeatsIT::flights, FLIGHT_COLUMNS, FLIGHT_KEY,
        FLIGHT_SENTINEL);
    assertThat(contents("boundary", FLIGHT_KEY)).containsExactly("AA|1|BOS|2024-03-01|d",
        "AA|2|BOS|2024-03-01|b", "AA|3|BOS|2024-03-01|a", "AA|4|BOS|2024-03-01|a", "AA|5|BOS|2024-03-01|a",
        "AA|6|BOS|2024-03-01|a");
    assertThat(direct.result().rowsInserted()).isEqualTo(6);
    assertThat(direct.result().rowsUpdated()).as("keys 1 and 2 again in the second batch").isEqualTo(2);
    assertThat(direct.result().retries()).isZero();
    assertThat(direct.plainStages()).as("the writer remembers its last batch's keys: no 23505, no plain stage")
        .isZero();
  }

  @Test
  void aKeyAnotherSessionPutInFailsTheDirectCopyAndTheBatchWithItsSplitRowsIsMergedInOrder() {
    Destination dest = target.openDestination(target.writerConfigBuilder().batchRows(4).build());
    try (dest; TableWriter w = dest.writer(flights("other"), WriteMode.UPSERT)) {
      for (int i = 1; i <= 4; i++) {
        w.write(flight("B6", i, "first"));
      }
      target.execute("INSERT INTO repeats.other VALUES ('B6', 6, 'BOS', '2024-03-01', 'other session')");
      w.write(flight("B6", 5, "a"));
      w.write(flight("B6", 6, "mine")); // 23505 in the direct COPY
      w.write(flight("B6", 5, "b"));    // split off, then replayed after the rest of the batch
      w.write(flight("B6", 7, "a"));
      w.write(flight("B6", 8, "a"));   // the third batch: merged, the writer left its direct COPY
      WriteResult r = w.commit();
      assertThat(r.rowsInserted()).isEqualTo(7);
      assertThat(r.rowsUpdated()).isOne();
      assertThat(r.retries()).as("a fallback is not a retry").isZero();
      assertThat(stages("NOT LIKE")).as("merged since the refusal").isOne();
    }
    assertThat(contents("other", FLIGHT_KEY)).containsExactly("B6|1|BOS|2024-03-01|first",
        "B6|2|BOS|2024-03-01|first", "B6|3|BOS|2024-03-01|first", "B6|4|BOS|2024-03-01|first",
        "B6|5|BOS|2024-03-01|b", "B6|6|BOS|2024-03-01|mine", "B6|7|BOS|2024-03-01|a", "B6|8|BOS|2024-03-01|a");
  }

  private static TableSpec versioned(String name) {
    return TableSpec.builder(name).column("k", PgType.TEXT).column("day", PgType.DATE)
        .column("ver", PgType.BIGINT, true).column("v", PgType.TEXT).primaryKey("k", "day").versionColumn("ver")
        .build();
  }

  private static Object[] version(String k, Long ver, String v) {
    return new Object[] {k, DAY, ver, v};
  }

  @Test
  void withAVersionColumnALaterRowOfALowerVersionLoses() {
    List<Object[]> rows = List.of(
        version("a", 5L, "a1"), version("b", 3L, "b1"), version("c", 5L, "c1"), version("d", 5L, "d1"),
        version("e", null, "e1"), version("a", 3L, "a2"), version("b", 5L, "b2"), version("c", 5L, "c2"),
        version("d", null, "d2"), version("e", 2L, "e2"), version("b", 4L, "b3"), version("d", 3L, "d3"),
        version("e", 1L, "e3"));
    Load direct = bothWays("versions", 100, rows, InBatchRepeatsIT::versioned,
        "k text, day date, ver bigint, v text", "k, day", "'zz', '2000-01-01', 1, 'sentinel'");
    assertThat(contents("versions", "k")).containsExactly(
        "a|2024-03-01|5|a1",   // the later row's version 3 is older
        "b|2024-03-01|5|b2",   // the newest version, not the last row
        "c|2024-03-01|5|c2",   // equal versions: the last row
        "d|2024-03-01|null|d2", // as a staged batch decides it: 3 loses to 5, then the later of 5 and none
        "e|2024-03-01|2|e2");
    assertThat(direct.result().rowsInserted()).isEqualTo(5);
    assertThat(direct.result().rowsUpdated()).isZero();
    assertThat(direct.plainStages()).isZero();
  }

  /** The key hash the writer computes for a (bigint, bigint) key, as its encoder does. */
  private static long keyHash(long a, long b) {
    RowEncoder e = new RowEncoder("t", List.of(
        new RowEncoder.Field("a", PgType.BIGINT, false, true, ColumnTypes.encoder(PgType.BIGINT)),
        new RowEncoder.Field("b", PgType.BIGINT, false, true, ColumnTypes.encoder(PgType.BIGINT))),
        new EncodeContext(NulPolicy.STRIP, 17));
    return e.encode(new Object[] {a, b}, Bytes.scratch(64), 1);
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  private static long unmix(long h) {
    long inverse = 0xff51afd7ed558ccdL;
    for (int i = 0; i < 6; i++) {
      inverse *= 2 - 0xff51afd7ed558ccdL * inverse; // Newton's step for the inverse modulo 2^64
    }
    h ^= h >>> 33;
    h *= inverse;
    return h ^ (h >>> 33);
  }

  /** A second key (2, b) whose hash equals that of (1, 1): the hashes are mixed so that this can be solved. */
  private static long[] collidingKey() {
    long b = unmix(mix(1) + 31 * (mix(mix(1)) - mix(mix(2))));
    assertThat(keyHash(2, b)).as("precondition: (2, %d) hashes as (1, 1) does", b).isEqualTo(keyHash(1, 1));
    return new long[] {2, b};
  }

  private static TableSpec pairs(String name) {
    return TableSpec.builder(name).column("a", PgType.BIGINT).column("b", PgType.BIGINT).column("v", PgType.TEXT)
        .primaryKey("a", "b").build();
  }

  @Test
  void aHashCollisionWithANewKeyInsertsIt() {
    long[] y = collidingKey();
    List<Object[]> rows = List.of(new Object[] {1L, 1L, "x"}, new Object[] {y[0], y[1], "y"},
        new Object[] {3L, 3L, "z"});
    Load direct = bothWays("collide", 10, rows, InBatchRepeatsIT::pairs, "a bigint, b bigint, v text", "a, b",
        "0, 0, 'sentinel'");
    assertThat(contents("collide", "a, b")).containsExactly("1|1|x", "2|" + y[1] + "|y", "3|3|z");
    assertThat(direct.result().rowsInserted()).isEqualTo(3);
    assertThat(direct.result().rowsUpdated()).isZero();
    assertThat(direct.orderedStages()).as("the colliding row went through the ordered stage").isOne();
    assertThat(direct.plainStages()).isZero();
  }

  @Test
  void aHashCollisionWithAKeyOfAnEarlierBatchUpdatesItWithoutAFallback() {
    long[] y = collidingKey();
    List<Object[]> rows = List.of(new Object[] {y[0], y[1], "old"}, new Object[] {5L, 5L, "e"},
        new Object[] {1L, 1L, "x"}, new Object[] {y[0], y[1], "new"});
    Load direct = bothWays("collide_later", 2, rows, InBatchRepeatsIT::pairs, "a bigint, b bigint, v text", "a, b",
        "0, 0, 'sentinel'");
    assertThat(contents("collide_later", "a, b")).containsExactly("1|1|x", "2|" + y[1] + "|new", "5|5|e");
    assertThat(direct.result().rowsInserted()).isEqualTo(3);
    assertThat(direct.result().rowsUpdated()).isOne();
    assertThat(direct.result().retries()).isZero();
    assertThat(direct.plainStages()).as("no 23505: the colliding row never went to the direct COPY").isZero();
  }

  @Test
  void anEmptyExistingTableStaysDirectThroughRepeatedKeys() {
    target.execute("CREATE TABLE repeats.empty (" + FLIGHT_COLUMNS + ", PRIMARY KEY (" + FLIGHT_KEY + "))");
    target.execute("ALTER TABLE repeats.empty OWNER TO \"" + target.seedWriter().name() + "\"");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(flight("DL", i % 4 + 4 * (i / 6), "v" + i));
    }
    Load direct = load(6, flights("empty"), WriteMode.UPSERT, rows);
    assertThat(contents("empty", FLIGHT_KEY)).containsExactly("DL|0|BOS|2024-03-01|v4", "DL|1|BOS|2024-03-01|v5",
        "DL|2|BOS|2024-03-01|v2", "DL|3|BOS|2024-03-01|v3", "DL|4|BOS|2024-03-01|v8", "DL|5|BOS|2024-03-01|v9",
        "DL|6|BOS|2024-03-01|v10", "DL|7|BOS|2024-03-01|v11");
    assertThat(direct.result().rowsInserted()).isEqualTo(8);
    assertThat(direct.result().rowsUpdated()).isZero();
    assertThat(direct.plainStages()).as("found empty, copied straight in, batch after batch").isZero();
  }

  @Test
  void replaceKeepsTheLastRowOfARepeatedKey() {
    existingWithARow("replaced", FLIGHT_COLUMNS, FLIGHT_KEY, FLIGHT_SENTINEL);
    List<Object[]> rows = List.of(flight("UA", 1, "a"), flight("UA", 2, "a"), flight("UA", 1, "b"),
        flight("UA", 1, "c"), flight("UA", 3, "a"));
    Load replace = load(100, flights("replaced"), WriteMode.REPLACE, rows);
    assertThat(target.query("SELECT v FROM repeats.replaced ORDER BY flight_no").stream().map(m -> m.get("v"))
        .toList()).isEqualTo(List.<Object>of("c", "a", "a"));
    assertThat(replace.result().rowsInserted()).isEqualTo(3);
    assertThat(replace.result().rowsDeleted()).isOne();
  }
}
