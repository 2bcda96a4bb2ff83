package dev.pgdest.it.write;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.PgdestException;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tables evolve towards the spec by safe steps only; awkward names work everywhere. On every
 * supported major.
 */
@PgdestVersions
@PgdestTest(schema = "evo")
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SchemaEvolutionIT {
  /** Set by the extension for each major. */
  private static TestDestination target;
  /** Opened once per major, with its schema ensured; closed with {@link #target}. */
  private static Destination dest;
  /** The database {@link #dest} writes to; a static TestDestination field would be injected too. */
  private static String openedIn;

  @BeforeEach
  void openOncePerMajor() {
    if (!target.database().equals(openedIn)) {
      openedIn = target.database();
      dest = target.openDestination();
      dest.ensureSchema();
    }
  }

  private static void ownedTable(String ddl, String table) throws Exception {
    target.execute(ddl + "; ALTER TABLE evo." + table + " OWNER TO \"" + target.seedWriter().name() + "\"");
  }

  @Test
  void safeWideningsAndNewColumnsAreApplied() throws Exception {
    ownedTable("CREATE TABLE evo.widen (id integer PRIMARY KEY, name varchar(10), at timestamp, doc json,"
        + " price numeric(10,2), small smallint); INSERT INTO evo.widen VALUES (1, 'old', '2020-01-01 10:00', '{\"a\":1}', 12.5, 3)",
        "widen");
    TableSpec spec = TableSpec.builder("widen").column("id", PgType.BIGINT).column("name", PgType.TEXT)
        .column("at", PgType.TIMESTAMPTZ).column("doc", PgType.JSONB).column("price", PgType.numeric(14, 3))
        .column("small", PgType.BIGINT).column("extra", PgType.TEXT, false).primaryKey("id").build();
    try (TableWriter w = dest.writer(spec, WriteMode.UPSERT)) {
      w.write(Long.MAX_VALUE, "x".repeat(50), Instant.parse("2021-01-01T00:00:00Z"), "{\"b\": 2}",
          new BigDecimal("12345678901.125"), Long.MIN_VALUE, "e");
      w.commit();
    }
    assertThat(Rows.of(target, "SELECT column_name || ' ' || data_type FROM information_schema.columns"
        + " WHERE table_schema = 'evo' AND table_name = 'widen' ORDER BY ordinal_position")).containsExactly(
        List.of("id bigint"), List.of("name text"), List.of("at timestamp with time zone"), List.of("doc jsonb"),
        List.of("price numeric"), List.of("small bigint"), List.of("extra text"));
    assertThat(Rows.of(target, "SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'evo'"
        + " AND table_name = 'widen' AND column_name = 'extra'")).as("added columns are nullable")
        .containsExactly(List.of("YES"));
    assertThat(Rows.of(target, "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), doc::text, price::text"
        + " FROM evo.widen WHERE id = 1")).as("old values survive; naive timestamps read as UTC")
        .containsExactly(List.of("2020-01-01 10:00", "{\"a\": 1}", "12.500"));
  }

  @Test
  void anExistingWiderColumnIsKept() throws Exception {
    ownedTable("CREATE TABLE evo.wider (id bigint PRIMARY KEY, v text)", "wider");
    TableSpec spec = TableSpec.builder("wider").column("id", PgType.INTEGER).column("v", PgType.varchar(3))
        .primaryKey("id").build();
    try (TableWriter w = dest.writer(spec, WriteMode.UPSERT)) {
      w.write(7, "abc");
      w.commit();
    }
    assertThat(Rows.of(target, "SELECT data_type FROM information_schema.columns WHERE table_name = 'wider' ORDER BY 1"))
        .containsExactly(List.of("bigint"), List.of("text"));
  }

  @Test
  void anUnsafeChangeIsAnErrorNamingTableColumnAndTypes() throws Exception {
    ownedTable("CREATE TABLE evo.narrow (id bigint PRIMARY KEY, v text)", "narrow");
    TableSpec spec = TableSpec.builder("narrow").column("id", PgType.BIGINT).column("v", PgType.INTEGER).build();
    assertThatThrownBy(() -> dest.writer(spec, WriteMode.APPEND)).isInstanceOf(PgdestException.class)
        .hasMessageContaining("table \"narrow\", column \"v\"").hasMessageContaining("type text")
        .hasMessageContaining("asks for integer");
  }

  @Test
  void dependentViewsAreReportedNotDropped() throws Exception {
    ownedTable("CREATE TABLE evo.viewed (id integer PRIMARY KEY, v integer);"
        + " CREATE VIEW evo.\"v of viewed\" AS SELECT v FROM evo.viewed", "viewed");
    TableSpec spec = TableSpec.builder("viewed").column("id", PgType.INTEGER).column("v", PgType.BIGINT).build();
    assertThatThrownBy(() -> dest.writer(spec, WriteMode.APPEND)).isInstanceOf(PgdestException.class)
        .hasMessageContaining("column \"v\"").hasMessageContaining("evo.\"v of viewed\"")
        .hasMessageContaining("integer").hasMessageContaining("bigint");
    assertThat(Rows.of(target, "SELECT count(*) FROM pg_views WHERE viewname = 'v of viewed'").get(0).get(0)).isEqualTo(1L);
  }

  @Test
  void awkwardIdentifiersAreQuotedEverywhere() throws Exception {
    String table = "we\"ird; DROP TABLE evo.widen; --";
    String longName = "a_column_name_that_is_much_longer_than_sixty_three_bytes_in_postgresql_x";
    TableSpec spec = TableSpec.builder(table).column("select", PgType.BIGINT).column("Mixed Case", PgType.TEXT)
        .column("naïve ünïcode 列", PgType.TEXT).column("semi;colon--", PgType.TEXT).column(longName, PgType.TEXT)
        .column(longName + "2", PgType.TEXT).primaryKey("select").build();
    for (WriteMode mode : List.of(WriteMode.UPSERT, WriteMode.UPSERT, WriteMode.REPLACE)) {
      try (TableWriter w = dest.writer(spec, mode)) {
        w.write(1L, "m", "n", "s", "l1", "l2");
        w.write(Map.of("select", 2L, longName + "2", "only"));
        w.commit();
      }
    }
    try (TableWriter w = dest.writer(spec, WriteMode.DELETE)) {
      w.write(2L);
      w.commit();
    }
    String shortened = spec.column(longName).orElseThrow().sqlName();
    assertThat(shortened.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(Rows.of(target, "SELECT \"select\", \"Mixed Case\", \"naïve ünïcode 列\", \"semi;colon--\", \"" + shortened
        + "\" FROM evo.\"we\"\"ird; DROP TABLE evo.widen; --\"")).containsExactly(List.of(1L, "m", "n", "s", "l1"));
    assertThat(Rows.of(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'evo' AND tablename = 'widen'").get(0).get(0))
        .as("no injection").isIn(0L, 1L);
  }
}
