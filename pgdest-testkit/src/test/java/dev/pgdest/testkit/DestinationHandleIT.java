package dev.pgdest.testkit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static dev.pgdest.testkit.PgdestAssertions.assertThatSchema;
import static dev.pgdest.testkit.PgdestAssertions.assertThatUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.Destination;
import dev.pgdest.SslMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handle itself: configurations, helpers, reset and clean-up, on the server the extension shares. */
@PgdestTest(schema = "Acme Sync")
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DestinationHandleIT {

  @Test
  void configurationsNameThisDatabaseSchemaAndUsers(TestDestination dest) {
    assertThat(dest.writerConfig().database()).isEqualTo(dest.database());
    assertThat(dest.writerConfig().schema()).isEqualTo("Acme Sync");
    assertThat(dest.writerConfig().username()).isEqualTo(dest.seedWriter().name());
    assertThat(dest.writerConfig().password()).contains(dest.seedWriter().password());
    assertThat(dest.adminConfig().username()).isEqualTo(dest.server().superuser());
    assertThat(dest.precreatedSchemaWriterConfig().sslMode()).isEqualTo(SslMode.DISABLE);
    assertThat(dest.seedWriter()).as("created once").isSameAs(dest.seedWriter());
  }

  @Test
  void helpersQueryAndResetTheSchema(TestDestination dest) {
    try (Destination d = dest.openDestination()) {
      d.ensureSchema();
    }
    dest.execute("CREATE TABLE " + dest.qualified("t") + " (id int)");
    dest.execute("INSERT INTO " + dest.qualified("t") + " VALUES (?), (?)", 1, 2);
    assertThat(dest.tableExists("t")).isTrue();
    assertThat(dest.rowCount("t")).isEqualTo(2);
    assertThat(dest.query("SELECT id FROM t ORDER BY id")).as("search_path is the schema")
        .extracting(r -> r.get("id")).containsExactly(1, 2);
    dest.dropTable("t");
    assertThat(dest.tableExists("t")).isFalse();
    dest.resetSchema();
    assertThatSchema(dest).doesNotExist();
  }

  /** Regression: two columns labelled "count" became one map entry, and queryValue returned the second. */
  @Test
  void aQueryWithTwoColumnsOfOneLabelIsRefusedInsteadOfLosingOne(TestDestination dest) {
    assertThatThrownBy(() -> dest.query("SELECT count(*), count(DISTINCT x) FROM (VALUES (1), (1)) v(x)"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"count\" appears twice");
    assertThatThrownBy(() -> dest.queryValue("SELECT 1 AS n, 2 AS n")).isInstanceOf(IllegalArgumentException.class);
    assertThat(dest.query("SELECT count(*) AS n, count(DISTINCT x) AS d FROM (VALUES (1), (1)) v(x)"))
        .containsExactly(Map.of("n", 2L, "d", 1L));
  }

  @Test
  void resetKeepsThePrecreatedSchemaAndItsGrant(TestDestination dest) {
    WriterUser writer = dest.precreatedSchemaWriter();
    dest.execute("CREATE TABLE " + dest.qualified("old") + " (id int)");
    dest.resetSchema();
    assertThatSchema(dest).exists().hasOnlyTables();
    assertThatUser(dest, writer).hasSchemaPrivilege("Acme Sync", "CREATE");
  }

  @Test
  void closeDropsTheDatabaseAndTheUsers(PostgresServer server) {
    TestDestination dest = TestDestination.create(server, "s");
    String db = dest.database();
    String writer = dest.seedWriter().name();
    String other = dest.createUser("GRANT CONNECT ON DATABASE {database} TO {user}").name();
    try (TestDestination observer = TestDestination.create(server, "s")) {
      assertThat(observer.queryValue("SELECT count(*) FROM pg_roles WHERE rolname IN (?, ?)", writer, other))
          .isEqualTo(2L);
      dest.close();
      dest.close();
      assertThat(observer.queryValue("SELECT count(*) FROM pg_database WHERE datname = ?", db)).isEqualTo(0L);
      assertThat(observer.queryValue("SELECT count(*) FROM pg_roles WHERE rolname IN (?, ?)", writer, other))
          .isEqualTo(0L);
    }
  }
}
