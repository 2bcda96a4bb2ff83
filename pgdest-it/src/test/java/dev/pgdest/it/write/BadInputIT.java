package dev.pgdest.it.write;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.DataException;
import dev.pgdest.Destination;
import dev.pgdest.NulPolicy;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad values fail before the server with table, column and row named; the target never changes.
 * On every supported major.
 */
@PgdestVersions
@PgdestTest(schema = "bad")
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BadInputIT {
  private static final String SECRET = "s3cr3t-value";
  /** Set by the extension for each major. */
  private static TestDestination target;
  /** Opened once per major, holding the one row every test expects; closed with {@link #target}. */
  private static Destination dest;
  /** The database {@link #dest} writes to; a static TestDestination field would be injected too. */
  private static String openedIn;
  private static final TableSpec SPEC = TableSpec.builder("bad")
      .column("id", PgType.BIGINT)
      .column("small", PgType.SMALLINT)
      .column("price", PgType.numeric(6, 2))
      .column("code", PgType.varchar(4))
      .column("at", PgType.TIMESTAMPTZ)
      .column("required", PgType.TEXT, false)
      .column("doc", PgType.JSONB)
      .primaryKey("id").build();

  @BeforeEach
  void openOncePerMajor() {
    if (target.database().equals(openedIn)) {
      return;
    }
    openedIn = target.database();
    dest = target.openDestination(target.writerConfigBuilder().batchRows(1000).maxRetries(1).build());
    try (TableWriter w = dest.writer(SPEC, WriteMode.APPEND)) {
      w.write(1L, 1, new BigDecimal("1.00"), "ok", Instant.EPOCH, "r", "{}");
      w.commit();
    }
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("small", SECRET, "Java type java.lang.String"),
        Arguments.of("small", 40_000, "overflows smallint"),
        Arguments.of("price", new BigDecimal("12345.6"), "overflows numeric(6,2)"),
        Arguments.of("price", new BigDecimal("1.234"), "more than 2 digits after the decimal point"),
        Arguments.of("price", Double.NaN, null),
        Arguments.of("price", Double.POSITIVE_INFINITY, "infinite"),
        Arguments.of("code", SECRET, "longer than varchar(4)"),
        Arguments.of("at", Instant.parse("+300000-01-01T00:00:00Z"), "outside PostgreSQL's timestamptz range"),
        Arguments.of("required", null, "NOT NULL"));
  }

  private static Object[] row(long id, String column, Object value) {
    Object[] r = {id, 2, new BigDecimal("2.00"), "ok", Instant.EPOCH, "r", "{}"};
    r[SPEC.indexOf(column)] = value;
    return r;
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("badValues")
  void badValueFailsTheBatchNamingTableColumnAndRow(String column, Object value, String rule) throws Exception {
    if (rule == null) {
      return; // NaN is a valid numeric(p,s) value; covered so the list documents it
    }
    for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.UPSERT, WriteMode.REPLACE)) {
      try (TableWriter w = dest.writer(SPEC, mode)) {
      w.write(row(100, "small", 3));
      w.write(row(101, "small", 3));
      w.write(row(102, "small", 3));
      assertThatThrownBy(() -> w.write(row(103, column, value)))
          .as("%s in %s", column, mode)
          .isInstanceOf(DataException.class)
          .hasMessageContaining("table \"bad\"").hasMessageContaining("column \"" + column + "\"")
          .hasMessageContaining("row 4").hasMessageContaining(rule).hasMessageNotContaining(SECRET)
          .satisfies(e -> assertThat(((DataException) e).row()).hasValue(4));
      assertThatThrownBy(() -> w.write(row(104, "small", 3))).isInstanceOf(IllegalStateException.class);
      }
      assertThat(Rows.of(target, "SELECT id FROM bad.bad")).as("target unchanged after %s", mode).containsExactly(List.of(1L));
    }
  }

  @Test
  void invalidJsonIsRefusedByTheServerAndTheBatchRollsBack() throws Exception {
    try (TableWriter w = dest.writer(SPEC, WriteMode.APPEND)) {
      w.write(row(200, "small", 1));
      w.write(row(201, "doc", "{not json " + SECRET));
      assertThatThrownBy(w::commit).isInstanceOf(DataException.class)
          .hasMessageContaining("table \"bad\"").hasMessageContaining("at row 2").hasMessageNotContaining(SECRET)
          .satisfies(e -> assertThat(((DataException) e).sqlState()).hasValue("22P02"));
    }
    assertThat(target.rowCount("bad")).isEqualTo(1);
  }

  @Test
  void constraintViolationRollsBackTheWholeBatch() throws Exception {
    try (TableWriter w = dest.writer(SPEC, WriteMode.APPEND)) {
      w.write(row(300, "small", 1));
      w.write(row(1, "small", 1)); // duplicate primary key
      assertThatThrownBy(w::commit).isInstanceOf(DataException.class).hasMessageNotContaining(SECRET)
          .satisfies(e -> assertThat(((DataException) e).sqlState()).hasValue("23505"));
    }
    assertThat(target.rowCount("bad")).isEqualTo(1);
  }

  @Test
  void callerExceptionMidBatchLeavesTargetUnchangedAndDestinationUsable() throws Exception {
    assertThatThrownBy(() -> {
      try (TableWriter w = dest.writer(SPEC, WriteMode.UPSERT)) {
        w.write(row(400, "small", 1));
        throw new IllegalStateException("caller failed");
      }
    }).hasMessage("caller failed");
    assertThat(target.rowCount("bad")).isEqualTo(1);
    try (TableWriter w = dest.writer(SPEC, WriteMode.UPSERT)) {
      w.write(row(401, "small", 1));
      w.commit();
    }
    assertThat(target.rowCount("bad")).isEqualTo(2);
    target.execute("DELETE FROM bad.bad WHERE id = 401");
  }

  @Test
  void nulAndSurrogatesFollowTheConfiguredPolicyAndAreCounted() throws Exception {
    TableSpec spec = TableSpec.builder("nul").column("id", PgType.INTEGER).column("t", PgType.TEXT)
        .column("j", PgType.JSONB).column("js", PgType.JSON).primaryKey("id").build();
    WriteResult r;
    try (TableWriter w = dest.writer(spec, WriteMode.UPSERT)) {
      w.write(1, "a\u0000b", "{\"k\": \"x\\u0000y\"}", "[\"\\u0000\"]");
      w.write(2, "lone \uD800 surrogate", "{\"k\": \"\\ud800\"}", "{}");
      w.write(3, "clean", "{\"k\": \"\\\\u0000\"}", "{}");
      r = w.commit();
    }
    assertThat(r.valuesSanitized()).isEqualTo(5);
    assertThat(Rows.of(target, "SELECT t, j::text, js::text FROM bad.nul ORDER BY id")).containsExactly(
        List.of("ab", "{\"k\": \"xy\"}", "[\"\"]"),
        List.of("lone  surrogate", "{\"k\": \"\"}", "{}"),
        List.of("clean", "{\"k\": \"\\\\u0000\"}", "{}"));
    try (Destination replace = Destination.open(target.writerConfigBuilder().nulPolicy(NulPolicy.REPLACE).build());
         TableWriter w = replace.writer(spec, WriteMode.UPSERT)) {
      w.write(1, "a\u0000b", "{\"k\": \"x\\u0000y\"}", "{}");
      assertThat(w.commit().valuesSanitized()).isEqualTo(2);
    }
    assertThat(Rows.of(target, "SELECT t, j->>'k' FROM bad.nul WHERE id = 1")).containsExactly(List.of("a\uFFFDb", "x\uFFFDy"));
    try (Destination fail = Destination.open(target.writerConfigBuilder().nulPolicy(NulPolicy.FAIL).build());
         TableWriter w = fail.writer(spec, WriteMode.UPSERT)) {
      assertThatThrownBy(() -> w.write(9, "a\u0000", null, null)).isInstanceOf(DataException.class)
          .hasMessageContaining("column \"t\"").hasMessageContaining("row 1");
    }
    assertThat(target.rowCount("nul")).isEqualTo(3);
  }
}
