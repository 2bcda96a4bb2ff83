package dev.pgdest.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.NulPolicy;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.WriteMode;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.RowEncoder;
import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.type.ColumnTypes;
import dev.pgdest.internal.unit.Journal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a batch's rows go before anything is sent: the split of repeated keys off a direct COPY. */
class TableStageTest {
  private static final TableSpec SPEC = TableSpec.builder("t").column("k", PgType.BIGINT)
      .column("v", PgType.TEXT).primaryKey("k").build();

  private static TableStage stage(WriteMode mode, boolean created) {
    List<PgType> types = List.of(PgType.BIGINT, PgType.TEXT);
    List<RowEncoder.Field> fields = List.of(
        new RowEncoder.Field("k", PgType.BIGINT, false, true, ColumnTypes.encoder(PgType.BIGINT)),
        new RowEncoder.Field("v", PgType.TEXT, true, false, ColumnTypes.encoder(PgType.TEXT)));
    RowEncoder encoder = new RowEncoder("t", fields, new EncodeContext(NulPolicy.STRIP, 17));
    TablePlan plan = new TablePlan("s", "t", 42, types, true, created);
    return new TableStage(SPEC, plan, Modes.of(mode), encoder, List.of("k", "v"), types,
        new Journal(Bytes.MIN_CHUNK, 1 << 20), new Journal(Bytes.MIN_CHUNK, 1 << 20), new Totals());
  }

  @Test
  void repeatedKeysOfADirectBatchGoToTheStageWithoutStoppingTheCopy() {
    TableStage s = stage(WriteMode.UPSERT, true);
    s.startBatch(1);
    long[] keys = {1, 2, 1, 3, 1, 2};
    for (int i = 0; i < keys.length; i++) {
      assertThat(s.write(new Object[] {keys[i], "v" + i}, i + 1)).as("row %d needs no replan", i + 1).isFalse();
    }
    assertThat(s.staging().state()).isEqualTo(Staging.State.DIRECT);
    assertThat(s.rows()).as("first rows of keys 1, 2, 3, copied straight in").isEqualTo(3);
    assertThat(s.batchRows()).isEqualTo(6);
    RepeatRows repeats = (RepeatRows) s.works().get(1);
    assertThat(repeats.rows()).isEqualTo(3);
    assertThat(List.of(repeats.position(0), repeats.position(1), repeats.position(2))).containsExactly(3L, 5L, 6L);
    assertThat(List.of(s.position(0), s.position(1), s.position(2))).as("positions around the split-off rows")
        .containsExactly(1L, 2L, 4L);
    assertThat(s.where()).isEqualTo("rows 1..6 of table \"t\"");
    s.flush();
    repeats.flush();
    assertThat(s.journal().size() + repeats.journal().size()).as("every row encoded once").isEqualTo(s.bytes());

    s.startBatch(7);
    assertThat(repeats.rows()).as("a new batch starts with nothing split off").isZero();
    assertThat(s.write(new Object[] {4L, "new"}, 7)).isFalse();
    assertThat(s.write(new Object[] {1L, "again"}, 8)).isFalse();
    assertThat(s.rows()).isEqualTo(1);
    assertThat(repeats.rows()).as("a key the last direct batch copied in is split off too").isEqualTo(1);
  }

  @Test
  void keysOfOlderBatchesAreForgottenAndSoAreAllWhenTheBatchIsNoLongerDirect() {
    TableStage s = stage(WriteMode.UPSERT, true);
    s.startBatch(1);
    s.write(new Object[] {1L, "a"}, 1);
    s.startBatch(2);
    s.write(new Object[] {2L, "a"}, 2);
    s.startBatch(3);
    s.write(new Object[] {1L, "b"}, 3);
    assertThat(s.rows()).as("two batches back: forgotten, key 1 goes to the direct COPY").isEqualTo(1);
    s.write(new Object[] {2L, "b"}, 4);
    assertThat(s.works().get(1).rows()).as("the last batch's key 2 is split off").isEqualTo(1);

    TableStage refused = stage(WriteMode.UPSERT, true);
    refused.startBatch(1);
    refused.write(new Object[] {1L, "a"}, 1);
    refused.staging().refused("23505");
    refused.staging().batchLanded();
    refused.startBatch(2);
    assertThat(refused.write(new Object[] {1L, "b"}, 2)).as("a staged batch tracks its own keys only").isFalse();
    assertThat(refused.staging().state()).isEqualTo(Staging.State.STAGED);
  }

  @Test
  void aNewLoadTableForgetsTheKeysOfTheLastOne() {
    TableStage s = stage(WriteMode.REPLACE, false);
    s.startBatch(1);
    s.write(new Object[] {1L, "a"}, 1);
    s.loadInto("s.t_load");
    s.startBatch(2);
    s.write(new Object[] {1L, "b"}, 2);
    assertThat(s.works().get(1).rows()).isZero();
  }

  @Test
  void aStagedBatchMovesToTheOrderedStageAtItsFirstRepeatedKey() {
    TableStage s = stage(WriteMode.UPSERT, false);
    s.startBatch(1);
    assertThat(s.write(new Object[] {1L, "a"}, 1)).isFalse();
    assertThat(s.write(new Object[] {1L, "b"}, 2)).as("rows copied so far must be copied again").isTrue();
    assertThat(s.write(new Object[] {1L, "c"}, 3)).isFalse();
    assertThat(s.staging().state()).isEqualTo(Staging.State.ORDERED);
    assertThat(s.rows()).isEqualTo(3);
    assertThat(s.works().get(1).rows()).isZero();
  }

  @Test
  void appendSplitsNothing() {
    TableStage s = stage(WriteMode.APPEND, true);
    s.startBatch(1);
    s.write(new Object[] {1L, "a"}, 1);
    s.write(new Object[] {1L, "b"}, 2);
    assertThat(s.rows()).isEqualTo(2);
    assertThat(s.works().get(1).rows()).isZero();
  }
}
