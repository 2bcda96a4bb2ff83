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
    assertThat(sql.dedupe()).isEqualTo("DELETE FROM pg_temp.\"st\" a USING (SELECT \"id\", max(\"pgdest_ord\") AS"
        + " \"pgdest_ord\" FROM pg_temp.\"st\" GROUP BY \"id\" HAVING count(*) > 1) b WHERE a.\"id\" = b.\"id\""
        + " AND a.\"pgdest_ord\" < b.\"pgdest_ord\"");
  }
}
