package dev.pgdest.it.foundation;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static dev.pgdest.it.foundation.Reports.check;
import static dev.pgdest.it.foundation.Reports.item;
import static dev.pgdest.it.foundation.Reports.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Item;
import dev.pgdest.CheckReport.Status;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.TestDestinations;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Destination.check()} against a real server: each item passing, and failing for its reason. */
@PgdestTest(scope = PgdestTest.Scope.JVM)
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CheckIT {
  /** A fresh database per test. */
  private TestDestination dest;
  private String database;
  private String schema;

  @BeforeEach
  void names() {
    database = dest.database();
    schema = dest.schema();
  }

  /** {@code user}'s configuration with a short connect timeout. */
  private DestinationConfig config(WriterUser user) {
    return configBuilder(user).build();
  }

  private DestinationConfig.Builder configBuilder(WriterUser user) {
    return TestDestinations.writerConfig(dest.server(), database, schema, user).connectTimeout(Duration.ofSeconds(5));
  }

  /** Database, schema, username and a short connect timeout; the test sets host, port, password and TLS. */
  private DestinationConfig.Builder base(WriterUser user) {
    return DestinationConfig.builder().database(database).schema(schema).username(user.name())
        .connectTimeout(Duration.ofSeconds(5));
  }

  @Test
  void seedWriterPassesEveryItemWhileTheSchemaDoesNotExist() throws Exception {
    WriterUser writer = dest.seedWriter();

    CheckReport report = check(config(writer));

    assertThat(statuses(report)).as(report.render()).containsExactly(
        "reachable=PASS", "authenticates=PASS", "database=PASS", "version=PASS", "temporary=PASS",
        "create=PASS", "schema=SKIPPED", "round_trip=PASS", "pooler=PASS", "checkpoints=PASS");
    assertThat(report.isReady()).isTrue();
    assertThat(item(report, "create").explanation()).contains("does not exist yet");
    assertThat(item(report, "schema").explanation()).startsWith("does not apply");
    assertThat(item(report, "reachable").explanation()).contains("without TLS");
    assertThat(report.items()).allSatisfy(i -> assertThat(i.fixSql()).as(i.id()).isEmpty());
  }

  @Test
  void afterEnsureSchemaDatabaseCreateIsNoLongerNeeded() throws Exception {
    WriterUser writer = dest.seedWriter();
    DestinationConfig config = config(writer);

    CheckReport report;
    try (Destination destination = Destination.open(config)) {
      destination.ensureSchema();
      report = destination.check();
    }

    assertThat(report.isReady()).as(report.render()).isTrue();
    assertThat(item(report, "create").status()).isEqualTo(Status.PASS);
    assertThat(item(report, "create").explanation()).startsWith("not needed").contains("keep TEMPORARY");
    assertThat(item(report, "schema").status()).isEqualTo(Status.PASS);
  }

  @Test
  void wrongPasswordFailsAuthenticationAndSkipsTheRest() throws Exception {
    WriterUser writer = dest.seedWriter();

    CheckReport report = check(base(writer).host(dest.server().host()).port(dest.server().port())
        .sslMode(SslMode.DISABLE).password("not-" + writer.password()).build());

    assertThat(statuses(report)).as(report.render()).containsExactly(
        "reachable=PASS", "authenticates=FAIL", "database=SKIPPED", "version=SKIPPED", "temporary=SKIPPED",
        "create=SKIPPED", "schema=SKIPPED", "round_trip=SKIPPED", "pooler=SKIPPED", "checkpoints=SKIPPED");
    assertThat(item(report, "authenticates").explanation())
        .contains("password authentication failed for user \"" + writer.name() + "\"", "28P01", "Check the username");
    assertThat(item(report, "pooler").explanation()).isEqualTo("not checked: authenticates failed");
    assertThat(report.firstFailure()).map(Item::id).hasValue("authenticates");
  }

  @Test
  void missingDatabaseIsNamed() throws Exception {
    WriterUser writer = dest.seedWriter();

    CheckReport report = check(TestDestinations.writerConfig(dest.server(), "no_such_db", schema, writer)
        .connectTimeout(Duration.ofSeconds(5)).build());

    assertThat(statuses(report)).as(report.render()).startsWith(
        "reachable=PASS", "authenticates=PASS", "database=FAIL", "version=SKIPPED");
    assertThat(item(report, "database").explanation()).contains("database \"no_such_db\" does not exist");
  }

  @Test
  void userWithoutTemporaryGetsTheGrantAndTheGrantFixesIt() throws Exception {
    WriterUser writer = dest.createUser("GRANT CREATE ON DATABASE {database} TO {user}");
    DestinationConfig config = config(writer);

    CheckReport report = check(config);

    assertThat(statuses(report)).as(report.render()).containsExactly(
        "reachable=PASS", "authenticates=PASS", "database=PASS", "version=PASS", "temporary=FAIL",
        "create=PASS", "schema=SKIPPED", "round_trip=SKIPPED", "pooler=SKIPPED", "checkpoints=SKIPPED");
    String fix = "GRANT TEMPORARY ON DATABASE \"" + database + "\" TO \"" + writer.name() + "\";";
    assertThat(item(report, "temporary").fixSql()).hasValue(fix);
    assertThat(item(report, "round_trip").explanation()).isEqualTo("not checked: temporary failed");

    dest.execute(fix);
    CheckReport fixed = check(config);
    assertThat(fixed.isReady()).as(fixed.render()).isTrue();
  }

  @Test
  void userWithoutCreateAndNoSchemaGetsTheGrantAndTheGrantFixesIt() throws Exception {
    WriterUser writer = dest.createUser("GRANT TEMPORARY ON DATABASE {database} TO {user}");
    DestinationConfig config = config(writer);

    CheckReport report = check(config);

    Item create = item(report, "create");
    assertThat(create.status()).as(report.render()).isEqualTo(Status.FAIL);
    String fix = "GRANT CREATE ON DATABASE \"" + database + "\" TO \"" + writer.name() + "\";";
    assertThat(create.fixSql()).hasValue(fix);
    assertThat(create.explanation()).contains("does not exist", "CREATE SCHEMA \"" + schema + "\"",
        "GRANT ALL ON SCHEMA \"" + schema + "\"");
    assertThat(item(report, "round_trip").status()).isEqualTo(Status.SKIPPED);

    dest.execute(fix);
    CheckReport fixed = check(config);
    assertThat(fixed.isReady()).as(fixed.render()).isTrue();
  }

  @Test
  void precreatedSchemaWithTheGrantPassesWithoutDatabaseCreate() throws Exception {
    WriterUser writer = dest.precreatedSchemaWriter();

    CheckReport report = check(config(writer));

    assertThat(statuses(report)).as(report.render()).containsExactly(
        "reachable=PASS", "authenticates=PASS", "database=PASS", "version=PASS", "temporary=PASS",
        "create=PASS", "schema=PASS", "round_trip=PASS", "pooler=PASS", "checkpoints=PASS");
    assertThat(item(report, "create").explanation()).startsWith("not needed");
  }

  @Test
  void precreatedSchemaWithoutTheGrantGetsGrantAllAndTheGrantFixesIt() throws Exception {
    WriterUser writer = dest.createUser("GRANT TEMPORARY ON DATABASE {database} TO {user}");
    dest.execute("CREATE SCHEMA \"" + schema + "\"");
    DestinationConfig config = config(writer);

    CheckReport report = check(config);

    Item schemaItem = item(report, "schema");
    assertThat(schemaItem.status()).as(report.render()).isEqualTo(Status.FAIL);
    assertThat(schemaItem.explanation()).contains("lacks USAGE and CREATE");
    String fix = "GRANT ALL ON SCHEMA \"" + schema + "\" TO \"" + writer.name() + "\";";
    assertThat(schemaItem.fixSql()).hasValue(fix);
    assertThat(item(report, "create").status()).isEqualTo(Status.PASS);

    dest.execute(fix);
    CheckReport fixed = check(config);
    assertThat(fixed.isReady()).as(fixed.render()).isTrue();
  }

  @Test
  void refusedPortIsExplainedWithStepOne() throws Exception {
    WriterUser writer = dest.seedWriter();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    CheckReport report = check(base(writer).host(dest.server().host()).port(closedPort)
        .password(writer.password()).sslMode(SslMode.DISABLE).build());

    assertThat(statuses(report)).as(report.render()).startsWith("reachable=FAIL", "authenticates=SKIPPED");
    assertThat(item(report, "reachable").explanation()).contains("refused", "Step 1", "static IP");
  }

  @Test
  void unknownHostIsExplained() throws Exception {
    WriterUser writer = dest.seedWriter();

    CheckReport report = check(base(writer).host("no-such-host.invalid")
        .password(writer.password()).sslMode(SslMode.DISABLE).build());

    assertThat(item(report, "reachable").status()).as(report.render()).isEqualTo(Status.FAIL);
    assertThat(item(report, "reachable").explanation()).startsWith("unknown host").contains("no-such-host.invalid");
  }

  @Test
  void timeoutIsExplainedAsADroppingFirewall() throws Exception {
    WriterUser writer = dest.seedWriter();
    // A listener that never accepts, with its backlog full: the kernel drops further SYNs, as a
    // firewall that drops packets does.
    try (ServerSocket blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket s = new Socket();
          try {
            s.connect(blackHole.getLocalSocketAddress(), 300);
            fillers.add(s);
          } catch (IOException full) {
            s.close();
            break;
          }
        }
        CheckReport report = check(DestinationConfig.builder().database(database).schema(schema)
            .username(writer.name()).password(writer.password()).sslMode(SslMode.DISABLE).host("127.0.0.1")
            .port(blackHole.getLocalPort()).connectTimeout(Duration.ofSeconds(1)).build());

        assertThat(item(report, "reachable").status()).as(report.render()).isEqualTo(Status.FAIL);
        assertThat(item(report, "reachable").explanation()).contains("timed out", "Step 1", "1024 to 65535");
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void requiredTlsOnAServerWithoutTlsIsExplainedAsTls() throws Exception {
    WriterUser writer = dest.seedWriter();

    CheckReport report = check(base(writer).host(dest.server().host()).port(dest.server().port())
        .password(writer.password()).sslMode(SslMode.REQUIRE).build());

    assertThat(statuses(report)).as(report.render()).startsWith("reachable=FAIL", "authenticates=SKIPPED");
    assertThat(item(report, "reachable").explanation()).contains("does not offer TLS", "REQUIRE");
  }

  @Test
  void passwordWithALeadingSpaceWorksAndIsWarnedAbout() throws Exception {
    String password = " " + WriterUsers.randomSeedPassword();
    WriterUser writer = WriterUsers.createUser(dest.server(), database, password,
        "GRANT CREATE, TEMPORARY ON DATABASE {database} TO {user}");

    CheckReport report = check(config(writer));

    assertThat(report.items().get(0).id()).as(report.render()).isEqualTo("credentials");
    assertThat(item(report, "credentials").status()).isEqualTo(Status.WARN);
    assertThat(item(report, "credentials").explanation()).contains("the password starts or ends with white space");
    assertThat(item(report, "authenticates").status()).isEqualTo(Status.PASS);
    assertThat(report.isReady()).isTrue();
  }
}
