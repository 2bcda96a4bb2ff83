package dev.pgdest.it.foundation;

import static dev.pgdest.it.foundation.Fixtures.check;
import static dev.pgdest.it.foundation.Fixtures.config;
import static dev.pgdest.it.foundation.Fixtures.item;
import static dev.pgdest.it.foundation.Fixtures.newDatabase;
import static dev.pgdest.it.foundation.Fixtures.newSchemaName;
import static dev.pgdest.it.foundation.Fixtures.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL 12 is best effort: the check warns, and everything else still works. */
class Postgres12IT {
  private static EmbeddedPostgresServer server;

  @BeforeAll
  static void startServer() {
    server = EmbeddedPostgresServer.start(12);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void versionIsAWarningAndTheRestPasses() throws Exception {
    String database = newDatabase(server);
    WriterUser writer = WriterUsers.createSeedWriter(server, database);

    CheckReport report = check(config(server, database, newSchemaName(), writer));

    assertThat(statuses(report)).as(report.render()).containsExactly(
        "reachable=PASS", "authenticates=PASS", "database=PASS", "version=WARN", "temporary=PASS",
        "create=PASS", "schema=SKIPPED", "round_trip=PASS", "pooler=PASS");
    assertThat(item(report, "version").explanation()).startsWith("PostgreSQL 12.").contains("best-effort");
    assertThat(report.isReady()).isTrue();
  }
}
