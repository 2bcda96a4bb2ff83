package dev.pgdest.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.PgType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reduction of a sync session's changes to one per key, and how it applies them. */
class ChangeSqlTest {
  private static ChangeSql sql(String version, String softDelete) {
    return new ChangeSql("\"s\".\"t\"", "pg_temp.\"c\"", List.of("id", "v", "ver", "gone"),
        List.of(PgType.BIGINT, PgType.JSON, PgType.BIGINT, PgType.TIMESTAMPTZ), List.of("id"), version, softDelete,
        "pgdest_op", "pgdest_ord");
  }

  @Test
  void theLastChangePerKeyWinsByArrival() {
    assertThat(sql(null, null).keepLast()).isEqualTo("DELETE FROM pg_temp.\"c\" a USING pg_temp.\"c\" b"
        + " WHERE a.\"id\" = b.\"id\" AND a.\"pgdest_ord\" < b.\"pgdest_ord\"");
    assertThat(sql(null, null).keepNewestVersion()).as("no version column: arrival alone decides").isNull();
  }

  @Test
  void withAVersionColumnTheNewestVersionWinsAndEqualVersionsGoByArrival() {
    assertThat(sql("ver", null).keepNewestVersion()).isEqualTo("DELETE FROM pg_temp.\"c\" a USING pg_temp.\"c\" b"
        + " WHERE a.\"id\" = b.\"id\" AND (a.\"ver\" < b.\"ver\" OR (a.\"ver\" = b.\"ver\""
        + " AND a.\"pgdest_ord\" < b.\"pgdest_ord\"))");
  }

  @Test
  void deletesRemoveFlaggedKeysOnlyWhereNotOlderThanTheStoredRow() {
    assertThat(sql(null, null).applyDeletes())
        .isEqualTo("DELETE FROM \"s\".\"t\" t USING pg_temp.\"c\" s WHERE t.\"id\" = s.\"id\" AND s.\"pgdest_op\"");
    assertThat(sql("ver", null).applyDeletes())
        .endsWith(" AND (s.\"ver\" IS NULL OR t.\"ver\" IS NULL OR t.\"ver\" <= s.\"ver\")");
  }

  @Test
  void softDeletesSetTheColumnOnceAndCarryTheVersion() {
    assertThat(sql("ver", "gone").applyDeletes())
        .startsWith("UPDATE \"s\".\"t\" t SET \"gone\" = pg_catalog.now(), \"ver\" = COALESCE(s.\"ver\", t.\"ver\")")
        .endsWith(" AND t.\"gone\" IS NULL");
  }

  @Test
  void upsertsSkipDeletesUnchangedRowsAndOlderVersions() {
    String upsert = sql("ver", "gone").upsert();
    assertThat(upsert).contains("FROM pg_temp.\"c\" WHERE NOT \"pgdest_op\" ON CONFLICT (\"id\") DO UPDATE SET")
        .contains("\"gone\" = EXCLUDED.\"gone\"") // an upsert clears the soft delete
        .contains("IS DISTINCT FROM (EXCLUDED.\"v\"::text, EXCLUDED.\"ver\", EXCLUDED.\"gone\")")
        .contains("AND (EXCLUDED.\"ver\" IS NULL OR t.\"ver\" IS NULL OR t.\"ver\" <= EXCLUDED.\"ver\")");
    assertThat(sql(null, null).insertMissing()).contains("WHERE NOT s.\"pgdest_op\" AND NOT EXISTS");
  }

  @Test
  void theStageCarriesTheDeleteFlagAndArrivalOrder() {
    assertThat(sql(null, null).addChangeColumns()).isEqualTo("ALTER TABLE pg_temp.\"c\" ADD COLUMN \"pgdest_op\""
        + " boolean NOT NULL, ADD COLUMN \"pgdest_ord\" bigint GENERATED ALWAYS AS IDENTITY");
    assertThat(sql(null, null).copy()).isEqualTo("COPY pg_temp.\"c\" (\"id\", \"v\", \"ver\", \"gone\", \"pgdest_op\")"
        + " FROM STDIN (FORMAT binary)");
  }
}
