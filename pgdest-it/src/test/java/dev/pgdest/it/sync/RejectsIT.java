package dev.pgdest.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pgdest.DataException;
import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.RejectPolicy;
import dev.pgdest.Rejection;
import dev.pgdest.SyncResult;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad rows among 100,000: under {@link RejectPolicy#SKIP} the one refused row goes to the listener
 * with its position and column and no value, and the other 99,999 land with the position; under
 * {@link RejectPolicy#FAIL} nothing lands. Both for a value the client refuses (out of range for
 * its column) and for a row only the server refuses (a CHECK constraint an administrator added).
 */
@PgdestTest(scope = PgdestTest.Scope.JVM, schema = "rejects")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RejectsIT {
  private static final TableSpec ITEMS = TableSpec.builder("items").column("id", PgType.BIGINT)
      .column("qty", PgType.INTEGER).column("label", PgType.TEXT).primaryKey("id").build();
  private static final int ROWS = 100_000;
  private static final long BAD_ROW = 73_421;
  /** Fits no integer column; must never appear in a message. */
  private static final long TOO_BIG = 98_765_432_101L;
  /** The row the CHECK refuses carries this label; the server's DETAIL would quote it. */
  private static final String CANARY = "canary-label-5f1d";
  private static final int FORBIDDEN_QTY = 4_242;

  private TestDestination dest;
  private final List<Rejection> rejections = new CopyOnWriteArrayList<>();

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void aValueTheClientRefusesIsSkippedAndTheRestLands(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest));
         SyncSession s = d.openSync("rejects", RejectPolicy.SKIP, rejections::add)) {
      s.claim("source");
      long badPosition = stage(s.table(ITEMS), BAD_ROW, TOO_BIG, "row " + BAD_ROW);
      SyncResult r = s.commit(Map.of("source", "p100000"));

      assertThat(r.rejected()).isEqualTo(1);
      assertThat(badPosition).as("positions count every change of the unit").isEqualTo(BAD_ROW);
      assertThat(rejections).singleElement().satisfies(rej -> {
        assertThat(rej.table()).isEqualTo("items");
        assertThat(rej.position()).isEqualTo(badPosition);
        assertThat(rej.column()).isEqualTo("qty");
        assertThat(rej.sqlState()).as("refused by the client").isNull();
        assertThat(rej.reason()).isNotBlank().doesNotContain(String.valueOf(TOO_BIG));
        assertThat(rej.toString()).doesNotContain(String.valueOf(TOO_BIG));
      });
    }
    assertLandedAllBut(BAD_ROW);
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void aValueTheClientRefusesFailsTheWholeUnitUnderFail(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest)); SyncSession s = d.openSync("rejects")) {
      s.claim("source");
      // The refusal may come from the upsert itself or from the commit; either way nothing lands.
      Throwable thrown = catchThrowable(() -> {
        stage(s.table(ITEMS), BAD_ROW, TOO_BIG, "row " + BAD_ROW);
        s.commit(Map.of("source", "p100000"));
      });
      assertThat(thrown).isInstanceOfSatisfying(DataException.class, e -> {
        assertThat(e.getMessage()).contains("items", "qty").doesNotContain(String.valueOf(TOO_BIG));
        assertThat(e.column()).isEqualTo("qty");
      });
    }
    assertNothingLanded();
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void aRowOnlyTheServerRefusesIsSkippedAndTheRestLands(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest));
         SyncSession s = d.openSync("rejects", RejectPolicy.SKIP, rejections::add)) {
      s.claim("source");
      addCheckConstraint(s);
      long badPosition = stage(s.table(ITEMS), BAD_ROW, FORBIDDEN_QTY, CANARY);
      SyncResult r = s.commit(Map.of("source", "p100000"));

      assertThat(r.rejected()).isEqualTo(1);
      assertThat(rejections).singleElement().satisfies(rej -> {
        assertThat(rej.table()).isEqualTo("items");
        assertThat(rej.position()).isEqualTo(badPosition);
        assertThat(rej.sqlState()).isEqualTo("23514");
        assertThat(rej.reason()).isNotBlank().doesNotContain(CANARY).doesNotContain(String.valueOf(FORBIDDEN_QTY));
        assertThat(rej.toString()).doesNotContain(CANARY);
      });
    }
    assertLandedAllBut(BAD_ROW);
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void aRowOnlyTheServerRefusesFailsTheWholeUnitUnderFail(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest)); SyncSession s = d.openSync("rejects")) {
      s.claim("source");
      addCheckConstraint(s);
      stage(s.table(ITEMS), BAD_ROW, FORBIDDEN_QTY, CANARY);
      Throwable thrown = catchThrowable(() -> s.commit(Map.of("source", "p100000")));
      assertThat(thrown).isInstanceOfSatisfying(DataException.class, e -> {
        assertThat(e.sqlState()).isEqualTo("23514");
        assertThat(e.getMessage()).contains("items").doesNotContain(CANARY);
      });
    }
    assertNothingLanded();
  }

  /** Stages ids 1..ROWS; row {@code bad} gets {@code qty} and {@code label}. Returns its position. */
  private static long stage(TableChanges t, long bad, long qty, String label) {
    long badPosition = -1;
    for (long id = 1; id <= ROWS; id++) {
      if (id == bad) {
        badPosition = t.upsert(id, qty, label);
      } else {
        t.upsert(id, (int) (id % 1_000), "row " + id);
      }
    }
    return badPosition;
  }

  /** The table as the session creates it, with a rule the client cannot know about. */
  private void addCheckConstraint(SyncSession s) {
    s.table(ITEMS);
    s.commit();
    dest.execute("ALTER TABLE " + dest.qualified("items") + " ADD CONSTRAINT qty_allowed CHECK (qty <> "
        + FORBIDDEN_QTY + ")");
  }

  private void assertLandedAllBut(long bad) {
    assertThat(dest.rowCount("items")).isEqualTo(ROWS - 1);
    assertThat(dest.queryValue("SELECT count(*) FROM " + dest.qualified("items") + " WHERE id = ?", bad)).isEqualTo(0L);
    assertThat(dest.queryValue("SELECT sum(id) FROM " + dest.qualified("items")))
        .isEqualTo(java.math.BigDecimal.valueOf((long) ROWS * (ROWS + 1) / 2 - bad));
    assertThat(Checkpoints.positions(dest, "rejects")).containsExactly(Map.entry("source", "p100000"));
  }

  private void assertNothingLanded() {
    assertThat(dest.tableExists("items") ? dest.rowCount("items") : 0L).isZero();
    assertThat(Checkpoints.positions(dest, "rejects")).isEmpty();
  }
}
