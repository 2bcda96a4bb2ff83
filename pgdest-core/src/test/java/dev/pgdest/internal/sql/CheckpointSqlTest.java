package dev.pgdest.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointSqlTest {
  private static final String SCHEMA = "acme \"sync\"";
  private static final String TABLE = "\"acme \"\"sync\"\"\".\"_pgdest_checkpoints\"";

  @Test
  void everyStatementNamesTheTableQuotedInItsSchema() {
    assertThat(CheckpointSql.table(SCHEMA)).isEqualTo(TABLE);
    assertThat(CheckpointSql.create(SCHEMA)).startsWith("CREATE TABLE IF NOT EXISTS " + TABLE + " (");
    assertThat(CheckpointSql.claim(SCHEMA)).startsWith("INSERT INTO " + TABLE + " AS c ");
    assertThat(CheckpointSql.lockForCommit(SCHEMA)).contains("FROM " + TABLE + " WHERE");
    assertThat(CheckpointSql.writePositions(SCHEMA)).startsWith("UPDATE " + TABLE + " AS c ");
    assertThat(CheckpointSql.read(SCHEMA)).contains("FROM " + TABLE + " WHERE");
  }

  @Test
  void tableHoldsOneRowPerSyncNameAndKey() {
    assertThat(CheckpointSql.create(SCHEMA))
        .contains("sync_name text NOT NULL", "key text NOT NULL", "position text", "epoch bigint NOT NULL",
            "committed_at timestamptz", "PRIMARY KEY (sync_name, key)");
  }

  @Test
  void valuesAreBindParametersNeverText() {
    // Sync names, keys and positions come from the caller's source: none may be spliced in.
    assertThat(CheckpointSql.claim(SCHEMA)).contains("SELECT ?, k", "unnest(?::text[])").doesNotContain("'");
    assertThat(CheckpointSql.lockForCommit(SCHEMA)).contains("sync_name = ?", "ANY (?::text[])");
    assertThat(CheckpointSql.writePositions(SCHEMA)).contains("?::text AS sync_name", "?::bigint[]")
        .doesNotContain("'");
    assertThat(count(CheckpointSql.writePositions(SCHEMA), '?')).isEqualTo(4);
    assertThat(count(CheckpointSql.claim(SCHEMA), '?')).isEqualTo(2);
    assertThat(count(CheckpointSql.exists(), '?')).isEqualTo(1);
  }

  @Test
  void claimBumpsTheEpochInKeyOrderAndReturnsTheStoredPosition() {
    String claim = CheckpointSql.claim(SCHEMA);
    assertThat(claim).contains("SELECT DISTINCT k", "ORDER BY k", "ON CONFLICT (sync_name, key) DO UPDATE SET epoch = c.epoch + 1",
        "RETURNING c.key, c.epoch, c.position");
  }

  @Test
  void commitLocksTheRowsAndWritesOnlyAtTheClaimedEpoch() {
    assertThat(CheckpointSql.lockForCommit(SCHEMA)).endsWith("ORDER BY key FOR UPDATE");
    assertThat(CheckpointSql.writePositions(SCHEMA)).contains("c.epoch = v.epoch").endsWith("RETURNING c.key");
  }

  @Test
  void createIsSerializedByAnAdvisoryLockPerSchemaAndLostRacesAreRecognised() {
    assertThat(CheckpointSql.createLock(SCHEMA)).isEqualTo(Locks.checkpoints(SCHEMA))
        .startsWith("SELECT pg_catalog.pg_advisory_xact_lock(").contains("acme \"sync\"");
    assertThat(CheckpointSql.createLock("it's")).contains("it''s'");
    assertThat(CheckpointSql.lostCreateRace("42P07")).isTrue();
    assertThat(CheckpointSql.lostCreateRace("23505")).isTrue();
    assertThat(CheckpointSql.lostCreateRace("42710")).isTrue();
    assertThat(CheckpointSql.lostCreateRace("42501")).isFalse();
    assertThat(CheckpointSql.lostCreateRace(null)).isFalse();
  }

  @Test
  void theGrantForATableAnotherUserCreatedIsExact() {
    assertThat(CheckpointSql.grantWrite("acme", "pgdest \"w\""))
        .isEqualTo("GRANT SELECT, INSERT, UPDATE ON TABLE \"acme\".\"_pgdest_checkpoints\" TO \"pgdest \"\"w\"\"\";");
    assertThat(CheckpointSql.tablePrivilege()).isEqualTo("SELECT pg_catalog.has_table_privilege(current_user, ?, ?)");
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }
}
