package dev.pgdest.testkit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static dev.pgdest.testkit.PgdestAssertions.assertThatSchema;
import static dev.pgdest.testkit.PgdestAssertions.assertThatTable;
import static dev.pgdest.testkit.PgdestAssertions.assertThatUser;
import static dev.pgdest.testkit.PgdestAssertions.row;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgdestTest
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PgdestAssertionsIT {

  static TestDestination dest;
  static final UUID ID = UUID.fromString("6f1c4f7e-3f7a-4c55-9a59-0d2f0f5f9a01");

  @BeforeAll
  static void createTable() {
    dest.execute("CREATE SCHEMA " + dest.schema());
    dest.execute("CREATE TABLE users (id bigint PRIMARY KEY, email varchar(20) NOT NULL, balance numeric(12,2),"
        + " seen timestamptz, born date, tags text[], profile jsonb, uid uuid)");
    dest.execute("INSERT INTO users VALUES (1, 'a@x', 10.50, '2024-01-01T00:00:00Z', '1990-05-01', '{a,b}',"
        + " '{\"k\": 1}', '" + ID + "'), (2, 'b@x', NULL, NULL, NULL, NULL, NULL, NULL)");
  }

  @Test
  void passingAssertionsPass() {
    assertThatTable(dest, "users").exists().hasRowCount(2).hasPrimaryKey("id")
        .hasColumns("id", "email", "balance", "seen", "born", "tags", "profile", "uid")
        .hasColumnType("id", "bigint").hasColumnType("email", "character varying(20)")
        .hasColumnType("balance", "numeric(12,2)").hasColumnType("seen", "timestamp with time zone")
        .hasColumnType("tags", "text[]").hasNotNullColumn("email")
        .containsExactlyInAnyOrderRows(
            row(2, "b@x", null, null, null, null, null, null),
            row(1L, "a@x", new BigDecimal("10.5"), Instant.parse("2024-01-01T00:00:00Z"), LocalDate.of(1990, 5, 1),
                List.of("a", "b"), "{\"k\": 1}", ID.toString()));
    assertThatTable(dest, "missing").doesNotExist();
    assertThatSchema(dest).exists().hasOnlyTables("users");
    assertThatSchema(dest, "nope").doesNotExist();
  }

  @Test
  void failuresNameTheTableAndTheDifference() {
    assertThatThrownBy(() -> assertThatTable(dest, "users").hasRowCount(3))
        .isInstanceOf(AssertionError.class).hasMessageContaining("acme_sync.users to hold 3 rows but it holds 2");
    assertThatThrownBy(() -> assertThatTable(dest, "users").containsExactlyInAnyOrderRows(
        row(1, "a@x", 10.5, null, null, null, null, null)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("missing").hasMessageContaining("not expected");
    assertThatThrownBy(() -> assertThatTable(dest, "users").hasColumnType("id", "integer"))
        .hasMessageContaining("to have type integer but it has bigint");
    assertThatThrownBy(() -> assertThatTable(dest, "users").hasPrimaryKey("email"))
        .hasMessageContaining("primary key [email] but it has [id]");
    assertThatThrownBy(() -> assertThatTable(dest, "ghost").hasRowCount(0))
        .hasMessageContaining("to exist").hasMessageContaining("[users]");
    assertThatThrownBy(() -> assertThatSchema(dest, "nope").exists()).hasMessageContaining("schema nope to exist");
  }

  @Test
  void privilegesOfTheSeedWriterAreTheSetupPagesGrants() {
    WriterUser writer = dest.seedWriter();
    assertThatUser(dest, writer).isNotSuperuser()
        .hasDatabasePrivilege("CREATE").hasDatabasePrivilege("TEMPORARY").hasDatabasePrivilege("CONNECT")
        .doesNotHaveSchemaPrivilege("public", "CREATE")
        .doesNotHaveSchemaPrivilege(dest.schema(), "CREATE");
    assertThatThrownBy(() -> assertThatUser(dest, writer).hasSchemaPrivilege(dest.schema(), "USAGE"))
        .hasMessageContaining("to have USAGE on schema acme_sync");
    WriterUser precreated = dest.precreatedSchemaWriter();
    assertThatUser(dest, precreated).doesNotHaveDatabasePrivilege("CREATE").hasDatabasePrivilege("TEMPORARY")
        .hasSchemaPrivilege(dest.schema(), "CREATE").hasSchemaPrivilege(dest.schema(), "USAGE");
    assertThatThrownBy(() -> assertThatUser(dest, "postgres").isNotSuperuser()).hasMessageContaining("not to be a superuser");
  }
}
