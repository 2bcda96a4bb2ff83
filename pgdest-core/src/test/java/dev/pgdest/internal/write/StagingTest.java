package dev.pgdest.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.PgType;
import dev.pgdest.WriteMode;
import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.write.Staging.Repeat;
import dev.pgdest.internal.write.Staging.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-mode staging decisions and the 23505 / 21000 fallbacks, without a server. */
class StagingTest {
  private static TablePlan plan(boolean created, boolean unique) {
    return new TablePlan("s", "t", 42, List.of(PgType.BIGINT), unique, created);
  }

  private static Staging of(WriteMode mode, TablePlan plan) {
    return Modes.of(mode).staging(plan);
  }

  @Test
  void eachModeStartsWhereItsFirstBatchBelongs() {
    assertThat(of(WriteMode.APPEND, plan(false, false)).state()).isEqualTo(State.DIRECT);
    assertThat(of(WriteMode.UPSERT, plan(true, true)).state()).as("a table this writer created").isEqualTo(State.DIRECT);
    assertThat(of(WriteMode.UPSERT, plan(false, true)).state()).as("an existing table").isEqualTo(State.STAGED);
    assertThat(of(WriteMode.UPSERT, plan(true, false)).state()).as("no unique index to fall back on")
        .isEqualTo(State.STAGED);
    assertThat(of(WriteMode.REPLACE, plan(false, false)).state()).as("its load table is new").isEqualTo(State.DIRECT);
    assertThat(of(WriteMode.DELETE, plan(true, true)).state()).isEqualTo(State.STAGED);
  }

  @Test
  void onlyModesWhereKeysRepeatTrackThem() {
    assertThat(Modes.of(WriteMode.APPEND).tracksKeys()).isFalse();
    assertThat(Modes.of(WriteMode.DELETE).tracksKeys()).isFalse();
    assertThat(Modes.of(WriteMode.UPSERT).tracksKeys()).isTrue();
    assertThat(Modes.of(WriteMode.REPLACE).tracksKeys()).isTrue();
  }

  @Test
  void aDuplicateKeyOfADirectBatchIsSplitOffAndTheBatchStaysDirect() {
    Staging s = of(WriteMode.UPSERT, plan(true, true));
    assertThat(s.splitsRepeats()).isTrue();
    assertThat(s.split()).isFalse();
    assertThat(s.duplicateKeySeen()).as("the row goes to the ordered stage; the live COPY goes on")
        .isEqualTo(Repeat.SPLIT);
    assertThat(s.duplicateKeySeen()).as("every repeated row").isEqualTo(Repeat.SPLIT);
    assertThat(s.state()).isEqualTo(State.DIRECT);
    assertThat(s.split()).isTrue();
    s.batchLanded();
    assertThat(s.state()).as("the next batch copies straight in again").isEqualTo(State.DIRECT);
    assertThat(s.split()).isFalse();
  }

  @Test
  void aUniqueViolationOfASplitBatchReplaysItOrdered() {
    Staging s = of(WriteMode.UPSERT, plan(true, true));
    s.duplicateKeySeen();
    assertThat(s.refused("23505")).isTrue();
    assertThat(s.state()).as("the split-off rows must stay after their keys' first rows").isEqualTo(State.ORDERED);
    assertThat(s.splitsRepeats()).isFalse();
    s.batchLanded();
    assertThat(s.state()).isEqualTo(State.STAGED);
    s.batchStarted();
    assertThat(s.duplicateKeySeen()).as("a staged batch still moves to the ordered stage")
        .isEqualTo(Repeat.REPLAN);
    assertThat(s.state()).isEqualTo(State.ORDERED);
    assertThat(s.duplicateKeySeen()).as("already ordered").isEqualTo(Repeat.AS_IS);
  }

  @Test
  void aNewBatchForgetsTheSplitOfAnUnlandedOne() {
    Staging s = of(WriteMode.UPSERT, plan(true, true));
    s.duplicateKeySeen();
    s.batchStarted();
    assertThat(s.split()).isFalse();
    assertThat(s.refused("23505")).isTrue();
    assertThat(s.state()).isEqualTo(State.STAGED);
  }

  @Test
  void uniqueViolationDuringADirectCopyFallsBackToMerging() {
    Staging s = of(WriteMode.UPSERT, plan(true, true));
    assertThat(s.refused("23505")).isTrue();
    assertThat(s.state()).isEqualTo(State.STAGED);
    assertThat(s.refused("23505")).as("a merge that violates a key is a real refusal").isFalse();
  }

  @Test
  void cardinalityViolationOfAMergeFallsBackToOrderedStaging() {
    Staging s = of(WriteMode.UPSERT, plan(false, true));
    assertThat(s.refused("21000")).isTrue();
    assertThat(s.state()).isEqualTo(State.ORDERED);
    assertThat(s.refused("21000")).as("dedupe ran and it still happened: give up").isFalse();
  }

  @Test
  void appendNeverLeavesItsDirectCopy() {
    Staging s = of(WriteMode.APPEND, plan(true, true));
    assertThat(s.splitsRepeats()).isFalse();
    assertThat(s.duplicateKeySeen()).isEqualTo(Repeat.AS_IS);
    assertThat(s.refused("23505")).as("a duplicate primary key in APPEND is the caller's error").isFalse();
    assertThat(s.refused("21000")).isFalse();
    assertThat(s.state()).isEqualTo(State.DIRECT);
  }

  @Test
  void otherRefusalsChangeNothing() {
    Staging s = of(WriteMode.UPSERT, plan(true, true));
    assertThat(s.refused("22P02")).isFalse();
    assertThat(s.refused(null)).isFalse();
    assertThat(s.state()).isEqualTo(State.DIRECT);
  }

  @Test
  void anEmptyExistingTargetIsCopiedStraightIntoUntilAKeyIsRefused() {
    Staging s = of(WriteMode.UPSERT, plan(false, true));
    assertThat(s.emptyTarget()).isTrue();
    assertThat(s.state()).isEqualTo(State.DIRECT);
    assertThat(s.refused("23505")).as("a key another writer landed meanwhile").isTrue();
    assertThat(s.state()).isEqualTo(State.STAGED);
    Staging ordered = of(WriteMode.UPSERT, plan(false, true));
    assertThat(ordered.duplicateKeySeen()).isEqualTo(Repeat.REPLAN);
    assertThat(ordered.emptyTarget()).as("duplicates in the batch need the ordered stage").isFalse();
    assertThat(of(WriteMode.APPEND, plan(false, false)).emptyTarget()).isFalse();
  }
}
