package dev.pgdest.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Item;
import dev.pgdest.CheckReport.Status;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The check's {@code checkpoints} item: the seed's writer and the pre-created-schema writer may
 * create the checkpoint table, the trial leaves nothing behind, and a table someone else created
 * without granting it gets the exact GRANT, which fixes it.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckpointCheckIT {
  private static final String TABLE = "_pgdest_checkpoints";

  private TestDestination dest;

  @Test
  void seedWriterMayCreateTheTableWhileTheSchemaDoesNotExistAndNothingIsLeft() {
    CheckReport report = check(dest.writerConfig());

    Item item = item(report);
    assertThat(item.status()).as(report.render()).isEqualTo(Status.PASS);
    assertThat(item.explanation()).contains("create the table on first use", "rolled back");
    assertThat(dest.queryValue("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = ?", dest.schema()))
        .as("the trial's CREATE SCHEMA is rolled back").isEqualTo(0L);
  }

  @Test
  void seedWriterAfterEnsureSchemaCreatesNoTable() {
    DestinationConfig config = dest.writerConfig();
    CheckReport report;
    try (Destination d = Destination.open(config)) {
      d.ensureSchema();
      report = d.check();
    }

    assertThat(item(report).status()).as(report.render()).isEqualTo(Status.PASS);
    assertThat(dest.tableExists(TABLE)).as("the trial's CREATE TABLE is rolled back").isFalse();
  }

  @Test
  void precreatedSchemaWriterMayCreateTheTableAndNothingIsLeft() {
    CheckReport report = check(dest.precreatedSchemaWriterConfig());

    assertThat(item(report).status()).as(report.render()).isEqualTo(Status.PASS);
    assertThat(dest.tableExists(TABLE)).isFalse();
  }

  @Test
  void anExistingTableIsClaimedAndWrittenWithoutTouchingItsRows() {
    WriterUser writer = dest.precreatedSchemaWriter();
    createTableAsAdmin();
    dest.execute("INSERT INTO " + TABLE + " (sync_name, key, position, epoch) VALUES ('crm', 'accounts', '42', 3)");
    dest.execute("GRANT SELECT, INSERT, UPDATE ON " + TABLE + " TO \"" + writer.name() + "\"");

    CheckReport report = check(dest.precreatedSchemaWriterConfig());

    Item item = item(report);
    assertThat(item.status()).as(report.render()).isEqualTo(Status.PASS);
    assertThat(item.explanation()).contains("claim and write checkpoints");
    assertThat(dest.query("SELECT sync_name, key, position, epoch FROM " + TABLE))
        .as("the probe row is rolled back and the real one untouched")
        .containsExactly(java.util.Map.of("sync_name", "crm", "key", "accounts", "position", "42", "epoch", 3L));
  }

  @Test
  void aTableTheWriterMayNotWriteGetsTheExactGrantAndTheGrantFixesIt() {
    WriterUser writer = dest.precreatedSchemaWriter();
    createTableAsAdmin();
    DestinationConfig config = dest.precreatedSchemaWriterConfig();

    CheckReport report = check(config);

    Item item = item(report);
    assertThat(item.status()).as(report.render()).isEqualTo(Status.FAIL);
    String fix = "GRANT SELECT, INSERT, UPDATE ON TABLE \"" + dest.schema() + "\".\"" + TABLE + "\" TO \""
        + writer.name() + "\";";
    assertThat(item.fixSql()).hasValue(fix);
    assertThat(item.explanation()).contains("lacks SELECT, INSERT, UPDATE", writer.name());
    assertThat(report.isReady()).isFalse();

    dest.execute(fix);
    CheckReport fixed = check(config);
    assertThat(item(fixed).status()).as(fixed.render()).isEqualTo(Status.PASS);
    assertThat(fixed.isReady()).isTrue();
  }

  @Test
  void aPartialGrantNamesWhatIsMissing() {
    WriterUser writer = dest.precreatedSchemaWriter();
    createTableAsAdmin();
    dest.execute("GRANT SELECT ON " + TABLE + " TO \"" + writer.name() + "\"");

    CheckReport report = check(dest.precreatedSchemaWriterConfig());

    assertThat(item(report).status()).as(report.render()).isEqualTo(Status.FAIL);
    assertThat(item(report).explanation()).contains("lacks INSERT, UPDATE");
  }

  /** The table as an administrator might create it ahead of the writer (same DDL, owned by the admin). */
  private void createTableAsAdmin() {
    dest.execute("CREATE SCHEMA IF NOT EXISTS \"" + dest.schema() + "\"");
    dest.execute(dev.pgdest.internal.sql.CheckpointSql.create(dest.schema()));
  }

  private static CheckReport check(DestinationConfig config) {
    try (Destination d = Destination.open(config)) {
      return d.check();
    }
  }

  private static Item item(CheckReport report) {
    return report.item("checkpoints").orElseThrow(() -> new AssertionError("no checkpoints item in\n" + report.render()));
  }
}
