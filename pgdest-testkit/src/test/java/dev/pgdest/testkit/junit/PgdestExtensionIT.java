package dev.pgdest.testkit.junit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.TestDestination;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs sample classes through JUnit and checks what the extension injected, shared and closed. */
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PgdestExtensionIT {

  @Test
  void injectsOneDestinationPerClassForStaticsAndOnePerTestOtherwise() {
    Fields.seen.clear();
    Events tests = run(Fields.class);
    tests.assertStatistics(s -> s.succeeded(2).failed(0));
    List<TestDestination> seen = Fields.seen;
    assertThat(seen).hasSize(4);
    assertThat(seen.get(0)).as("class destination shared by both tests").isSameAs(seen.get(2));
    assertThat(seen.get(1)).as("a fresh destination per test").isNotSameAs(seen.get(3));
    assertThat(seen.get(1).database()).isNotEqualTo(seen.get(3).database()).isNotEqualTo(seen.get(0).database());
    assertThat(seen.get(1).server()).as("one server per class").isSameAs(seen.get(3).server());
    assertStopped(seen.get(0).server());
  }

  @Test
  void jvmScopeSharesOneServerAcrossClassesUntilJunitEnds() {
    Jvm1.server = null;
    Jvm2.server = null;
    run(Jvm1.class, Jvm2.class).assertStatistics(s -> s.succeeded(2).failed(0));
    assertThat(Jvm1.server).isNotNull().isSameAs(Jvm2.server);
    assertStopped(Jvm1.server);
  }

  @Test
  void aBackendThatCannotRunHereSkipsTheClassWithTheReason() {
    System.setProperty("pgdest.test.url", "");
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(NoExternalServer.class)).execute()
        .containerEvents().assertStatistics(s -> s.aborted(1));
  }

  private static Events run(Class<?>... classes) {
    var request = EngineTestKit.engine("junit-jupiter");
    for (Class<?> c : classes) {
      request.selectors(selectClass(c));
    }
    Events tests = request.execute().testEvents();
    tests.failed().stream().forEach(e -> e.getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable).ifPresent(Throwable::printStackTrace));
    return tests;
  }

  private static void assertStopped(PostgresServer server) {
    assertThatThrownBy(() -> server.adminConnection().close()).as("server stopped by JUnit")
        .isInstanceOf(SQLException.class);
  }

  @PgdestTest
  static class Fields {
    static final List<TestDestination> seen = new CopyOnWriteArrayList<>();
    static TestDestination shared;
    TestDestination perTest;

    @BeforeAll
    static void beforeAll(TestDestination d) {
      assertThat(d).isSameAs(shared);
    }

    @BeforeEach
    void beforeEach(TestDestination d) {
      assertThat(d).isSameAs(perTest).isNotSameAs(shared);
    }

    @Test
    void first(TestDestination d, PostgresServer server) {
      check(d, server);
    }

    @Test
    void second(TestDestination d, PostgresServer server) {
      check(d, server);
    }

    private void check(TestDestination d, PostgresServer server) {
      assertThat(d).isSameAs(perTest);
      assertThat(server).isSameAs(shared.server());
      assertThat(server.majorVersion()).isEqualTo(17);
      assertThat(d.queryValue("SELECT current_database()")).isEqualTo(d.database());
      seen.add(shared);
      seen.add(perTest);
    }
  }

  @PgdestTest(scope = PgdestTest.Scope.JVM)
  static class Jvm1 {
    static PostgresServer server;

    @Test
    void recordsServer(PostgresServer s) {
      server = s;
    }
  }

  @PgdestTest(scope = PgdestTest.Scope.JVM)
  static class Jvm2 {
    static PostgresServer server;

    @Test
    void recordsServer(PostgresServer s) {
      server = s;
    }
  }

  @PgdestTest(backend = dev.pgdest.testkit.Backend.EXTERNAL)
  static class NoExternalServer {
    static TestDestination dest;

    @Test
    void neverRuns() {
      throw new AssertionError("must be skipped");
    }
  }
}
