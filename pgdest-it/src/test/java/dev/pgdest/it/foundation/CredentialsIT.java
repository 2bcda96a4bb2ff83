package dev.pgdest.it.foundation;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static dev.pgdest.it.foundation.Reports.check;
import static dev.pgdest.it.foundation.Reports.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Status;
import dev.pgdest.DestinationConfig;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.TestDestinations;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Passwords with every character the setup page warns about log in over SCRAM: credentials travel
 * as driver properties, never through a connection string.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CredentialsIT {
  private static TestDestination dest;

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
    WriterUser writer = dest.seedWriter();

    assertThat(dest.queryValue("SHOW password_encryption")).isEqualTo("scram-sha-256");
    assertThat((String) dest.queryValue("SELECT rolpassword FROM pg_authid WHERE rolname = ?", writer.name()))
        .startsWith("SCRAM-SHA-256$");
    assertThat(dest.queryValue("SELECT auth_method FROM pg_hba_file_rules"
        + " WHERE type = 'host' AND address = '127.0.0.1' ORDER BY line_number DESC LIMIT 1"))
        .as("the loopback rule the writers log in by").isEqualTo("scram-sha-256");
  }

  @ParameterizedTest
  @MethodSource("passwords")
  void passwordLogsIn(String password) throws Exception {
    WriterUser writer = WriterUsers.createUser(dest.server(), dest.database(), password,
        "GRANT CREATE, TEMPORARY ON DATABASE {database} TO {user}");

    CheckReport report = check(config(writer));

    assertThat(item(report, "authenticates").status()).as(report.render()).isEqualTo(Status.PASS);
    assertThat(report.isReady()).as(report.render()).isTrue();
  }

  @Test
  void percentEscapesAreNotDecoded() throws Exception {
    WriterUser writer = WriterUsers.createUser(dest.server(), dest.database(), "pw%41x");

    CheckReport decoded = check(config(new WriterUser(writer.name(), "pwAx")));

    assertThat(item(decoded, "authenticates").status()).as(decoded.render()).isEqualTo(Status.FAIL);
  }

  private static DestinationConfig config(WriterUser user) {
    return TestDestinations.writerConfig(dest.server(), dest.database(), dest.schema(), user)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }
}
