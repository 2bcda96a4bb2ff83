package dev.pgdest.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.PgType;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageSqlTest {
  private final StageSql sql = new StageSql("\"s\".\"t\"", "pg_temp.\"st\"", List.of("id", "doc", "we\"ird"),
      List.of(PgType.BIGINT, PgType.JSON, PgType.TEXT), List.of("id"), "pgdest_ord");

  @Test
  void upsertSkipsUnchangedRowsAndComparesJsonAsText() {
    assertThat(sql.upsert())
        .contains("ON CONFLICT (\"id\") DO UPDATE SET \"doc\" = EXCLUDED.\"doc\", \"we\"\"ird\" = EXCLUDED.\"we\"\"ird\"")
        .contains("WHERE (t.\"doc\"::text, t.\"we\"\"ird\") IS DISTINCT FROM (EXCLUDED.\"doc\"::text, EXCLUDED.\"we\"\"ird\")")
        .contains("RETURNING (t.xmax = 0)");
  }

  @Test
  void keyOnlyTablesDoNothingOnConflict() {
    StageSql keysOnly = new StageSql("t", "s", List.of("id"), List.of(PgType.BIGINT), List.of("id"), "o");
    assertThat(keysOnly.upsert()).contains("DO NOTHING");
    assertThat(keysOnly.updateFrom()).isNull();
  }

  @Test
  void dedupeKeepsTheLastArrival() {
    assertThat(sql.dedupe()).isEqualTo("DELETE FROM pg_temp.\"st\" a USING pg_temp.\"st\" b WHERE a.\"id\" = b.\"id\""
        + " AND a.\"pgdest_ord\" < b.\"pgdest_ord\"");
  }

  @Test
  void aVersionColumnKeepsTheNewestRowPerKeyAndNeverOverwritesANewerStoredOne() {
    StageSql versioned = new StageSql("t", "s", List.of("id", "v", "ver"), List.of(PgType.BIGINT, PgType.TEXT,
        PgType.BIGINT), List.of("id"), "o", "ver");
    assertThat(versioned.dedupeVersions()).isEqualTo("DELETE FROM s a USING s b WHERE a.\"id\" = b.\"id\""
        + " AND (a.\"ver\" < b.\"ver\" OR (a.\"ver\" = b.\"ver\" AND a.\"o\" < b.\"o\"))");
    assertThat(versioned.upsert())
        .contains("AND (EXCLUDED.\"ver\" IS NULL OR t.\"ver\" IS NULL OR t.\"ver\" <= EXCLUDED.\"ver\")");
    assertThat(versioned.updateFrom()).endsWith("IS DISTINCT FROM (s.\"v\", s.\"ver\")")
        .contains("AND (s.\"ver\" IS NULL OR t.\"ver\" IS NULL OR t.\"ver\" <= s.\"ver\")");
    assertThat(sql.dedupeVersions()).as("no version column").isNull();
  }
}
