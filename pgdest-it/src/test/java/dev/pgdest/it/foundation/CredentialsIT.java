package dev.pgdest.it.foundation;

import static dev.pgdest.it.foundation.Fixtures.check;
import static dev.pgdest.it.foundation.Fixtures.config;
import static dev.pgdest.it.foundation.Fixtures.item;
import static dev.pgdest.it.foundation.Fixtures.newDatabase;
import static dev.pgdest.it.foundation.Fixtures.newSchemaName;
import static dev.pgdest.it.foundation.Fixtures.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Status;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Passwords with every character the setup page warns about log in over SCRAM: credentials travel
 * as driver properties, never through a connection string.
 */
class CredentialsIT {
  private static EmbeddedPostgresServer server;
  private static String database;

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedPostgresServer.start();
    database = newDatabase(server);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static Stream<String> passwords() {
    Stream<String> single = "@[]/?#\"\\+ &:%'".chars().mapToObj(c -> "pw" + (char) c + "x");
    Stream<String> more = Stream.of(
        "@[]/?#\"\\+ &:%'",            // all of them at once
        "%41%40",                      // percent-escapes that a URL would decode
        "p\u00e4ss\u00e9\u65e5\u672c\ud83d\udd11", // non-ASCII, including a character outside the BMP
        " leading space",
        "trailing space ",
        "user=x password=y",           // looks like a libpq connection string
        "a;b--c",
        WriterUsers.randomSeedPassword());
    return Stream.concat(single, more);
  }

  @Test
  void serverStoresScramVerifiersAndAsksForScram() throws Exception {
    WriterUser writer = WriterUsers.createSeedWriter(server, database);

    assertThat(queryString(server, database, "SHOW password_encryption")).isEqualTo("scram-sha-256");
    assertThat(queryString(server, database, "SELECT rolpassword FROM pg_authid WHERE rolname = '" + writer.name() + "'"))
        .startsWith("SCRAM-SHA-256$");
    assertThat(queryString(server, database, "SELECT auth_method FROM pg_hba_file_rules"
        + " WHERE type = 'host' AND address = '127.0.0.1' ORDER BY line_number DESC LIMIT 1"))
        .as("the loopback rule the writers log in by").isEqualTo("scram-sha-256");
  }

  @ParameterizedTest
  @MethodSource("passwords")
  void passwordLogsIn(String password) throws Exception {
    WriterUser writer = WriterUsers.createUser(server, database, password,
        "GRANT CREATE, TEMPORARY ON DATABASE {database} TO {user}");

    CheckReport report = check(config(server, database, newSchemaName(), writer));

    assertThat(item(report, "authenticates").status()).as(report.render()).isEqualTo(Status.PASS);
    assertThat(report.isReady()).as(report.render()).isTrue();
  }

  @Test
  void percentEscapesAreNotDecoded() throws Exception {
    WriterUser writer = WriterUsers.createUser(server, database, "pw%41x");

    CheckReport decoded = check(config(server, database, newSchemaName(), new WriterUser(writer.name(), "pwAx")));

    assertThat(item(decoded, "authenticates").status()).as(decoded.render()).isEqualTo(Status.FAIL);
  }
}
