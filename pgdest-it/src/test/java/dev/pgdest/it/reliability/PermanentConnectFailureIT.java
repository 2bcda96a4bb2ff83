package dev.pgdest.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgdest.ConnectionException;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.TestDestinations;
import dev.pgdest.testkit.WriterUser;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failure that no retry can fix (wrong password, a role that may not log in, a missing database,
 * TLS required by a server without it) fails at once with the cause in the top message; it used to
 * take about 21 s (the pool waiting out its timeout) with the cause in the third "Caused by".
 */
@PgdestTest(schema = "reliab")
class PermanentConnectFailureIT {
  /** Far below the 10 s connect timeout, and the 21 s the pool used to wait. */
  private static final Duration AT_ONCE = Duration.ofSeconds(5);
  private static TestDestination target;

  @Test
  @Timeout(60)
  void wrongPasswordTakesTwentyOneSecondsToFail() {
    WriterUser w = target.seedWriter();
    assertFailsAtOnce(TestDestinations.writerConfig(target.server(), target.database(), target.schema(),
        new WriterUser(w.name(), w.password() + "x")), "28P01");
  }

  @Test
  @Timeout(60)
  void roleThatMayNotLogInTakesTwentyOneSecondsToFail() {
    WriterUser w = target.createUser();
    target.execute("ALTER ROLE " + SlowSourceIT.quoted(w.name()) + " NOLOGIN");
    assertFailsAtOnce(TestDestinations.writerConfig(target.server(), target.database(), target.schema(), w), "28000");
  }

  @Test
  @Timeout(60)
  void missingDatabaseTakesTwentyOneSecondsToFail() {
    assertFailsAtOnce(TestDestinations.writerConfig(target.server(), "no_such_database_" + target.database(),
        target.schema(), target.seedWriter()), "3D000");
  }

  @Test
  @Timeout(60)
  void tlsRefusedUnderVerifyFullTakesTwentyOneSecondsToFail() {
    WriterUser w = target.seedWriter();
    DestinationConfig.Builder b = TestDestinations.builder(target.server(), target.database(), target.schema(),
        w.name(), w.password()).sslMode(SslMode.VERIFY_FULL);
    assertFailsAtOnce(b, "08004");
  }

  private static void assertFailsAtOnce(DestinationConfig.Builder config, String sqlState) {
    try (Destination dest = Destination.open(config.build())) {
      for (Consumer<Destination> use : java.util.List.<Consumer<Destination>>of(
          Destination::ensureSchema, d -> d.writer(Tables.keyed("t"), WriteMode.APPEND).close())) {
        long started = System.nanoTime();
        ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> use.accept(dest));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(e).as("a ConnectionException").isNotNull();
        assertThat(took).as("fails at once: %s", e.getMessage()).isLessThan(AT_ONCE);
        assertThat(e.sqlState()).hasValue(sqlState);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).as("the cause is in the top message").contains("[SQLSTATE " + sqlState + "]")
            .doesNotContain("Connection is not available");
      }
    }
  }
}
