package dev.pgdest.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.internal.errors.SqlStates.Kind;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlStatesTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "08000, CONNECTION_TRANSIENT", "08001, CONNECTION_TRANSIENT", "08003, CONNECTION_TRANSIENT",
      "08004, CONNECTION_PERMANENT", "08006, CONNECTION_TRANSIENT", "08007, CONNECTION_TRANSIENT",
      "08P01, CONNECTION_PERMANENT", "28000, CONNECTION_PERMANENT", "28P01, CONNECTION_PERMANENT",
      "3D000, CONNECTION_PERMANENT", "40001, RETRYABLE", "40P01, RETRYABLE", "53300, CONNECTION_TRANSIENT",
      "55P03, RETRYABLE", "57P01, RETRYABLE", "57P02, RETRYABLE", "57P03, RETRYABLE", "42501, PRIVILEGE",
      "57P04, CONNECTION_PERMANENT", "57P05, CONNECTION_TRANSIENT", "25P03, CONNECTION_TRANSIENT", "57014, RETRYABLE",
      // Class fallbacks for codes not listed one by one.
      "08XYZ, CONNECTION_TRANSIENT", "22003, DATA", "22P02, DATA", "23505, DATA", "42P01, DATA",
      "XX000, OTHER", "53100, OTHER"})
  void everyListedCodeAndClassHasItsKind(String state, Kind kind) {
    assertThat(SqlStates.kind(state)).isEqualTo(kind);
  }

  @Test
  void noSqlStateIsOther() {
    assertThat(SqlStates.kind(null)).isEqualTo(Kind.OTHER);
    assertThat(SqlStates.isRetryable(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"40001, true", "40P01, true", "08006, true", "57P01, true", "53300, true",
      "28P01, false", "3D000, false", "42501, false", "23505, false", "22003, false"})
  void retryableMeansAReplayMaySucceed(String state, boolean retryable) {
    assertThat(SqlStates.isRetryable(state)).isEqualTo(retryable);
  }

  @Test
  void theNextExceptionChainIsWalkedForTheFirstSqlState() {
    SQLException batch = new SQLException("Batch entry 0 was aborted");
    batch.setNextException(new SQLException("deadlock detected", "40P01"));

    assertThat(SqlStates.sqlStateOf(batch)).isEqualTo("40P01");
  }

  @Test
  void causesAreWalkedToo() {
    IOException wrapped = new IOException("copy failed", new SQLException("serialization failure", "40001"));

    assertThat(SqlStates.sqlStateOf(wrapped)).isEqualTo("40001");
    assertThat(SqlStates.sqlStateOf(new IOException("plain"))).isNull();
  }

  @Test
  void theOutermostSqlStateWins() {
    SQLException outer = new SQLException("outer", "08006", new SQLException("inner", "40001"));

    assertThat(SqlStates.sqlStateOf(outer)).isEqualTo("08006");
  }

  @ParameterizedTest(name = "{0} broken: {1}")
  @CsvSource({"08006, true", "08P01, true", "57P01, true", "57P02, true", "57P03, true", "57P05, true", "25P03, true",
      "40001, false", "40P01, false", "23505, false", "57014, false", "42501, false"})
  void oneRuleSaysWhetherTheConnectionIsBroken(String state, boolean broken) {
    assertThat(SqlStates.isBroken(new SQLException("x", state))).isEqualTo(broken);
  }

  @Test
  void ioFailuresWithoutSqlStateBreakTheConnection() {
    assertThat(SqlStates.isBroken(new RuntimeException(new java.net.SocketException("reset")))).isTrue();
    assertThat(SqlStates.isBroken(new IllegalStateException("a bug"))).isFalse();
  }

  // Issue: a 57P01 during COMMIT was taken for a refused COMMIT and the batch replayed (rows doubled).
  @ParameterizedTest(name = "{0} leaves the COMMIT unknown: {1}")
  @CsvSource({"08006, true", "57P01, true", "57P02, true", "57P05, true", "25P03, true", "57014, true",
      "40001, false", "23505, false", "23514, false"})
  void everyFailureWhoseOutcomeIsUnknownIsSettledBeforeAReplay(String state, boolean unknown) {
    assertThat(SqlStates.outcomeUnknown(new SQLException("x", state))).isEqualTo(unknown);
    assertThat(SqlStates.outcomeUnknown(new NullPointerException("from the pool"))).as("not a server answer").isTrue();
  }
}
