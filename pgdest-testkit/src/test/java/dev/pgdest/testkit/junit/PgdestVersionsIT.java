package dev.pgdest.testkit.junit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.TestDestination;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The version matrix, on classes (inherited, as the conformance suite uses it) and on methods. */
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PgdestVersionsIT {

  private static final List<PostgresServer> SERVERS = new CopyOnWriteArrayList<>();

  @AfterEach
  void clear() {
    SERVERS.clear();
    System.clearProperty("pgdest.test.versions");
  }

  @Test
  void aClassRunsOncePerMajorOneServerAtATime() {
    run(ClassMatrix.class).assertStatistics(s -> s.succeeded(4).failed(0));
    assertThat(SERVERS).extracting(PostgresServer::majorVersion).containsExactly(13, 13, 16, 16);
    assertThat(SERVERS.get(0)).isSameAs(SERVERS.get(1)).isNotSameAs(SERVERS.get(2));
    assertStopped(SERVERS.get(2));
  }

  @Test
  void aMethodRunsOncePerMajor() {
    run(MethodMatrix.class).assertStatistics(s -> s.succeeded(3).failed(0));
    assertThat(SERVERS).extracting(PostgresServer::majorVersion).containsExactlyInAnyOrder(13, 16, 17);
    SERVERS.forEach(PgdestVersionsIT::assertStopped);
  }

  @Test
  void thePropertyNarrowsTheMatrix() {
    System.setProperty("pgdest.test.versions", "16");
    run(ClassMatrix.class).assertStatistics(s -> s.succeeded(2).failed(0));
    assertThat(SERVERS).extracting(PostgresServer::majorVersion).containsExactly(16, 16);
  }

  private static Events run(Class<?> testClass) {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    tests.failed().stream().forEach(e -> e.getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable).ifPresent(Throwable::printStackTrace));
    return tests;
  }

  private static void assertStopped(PostgresServer server) {
    assertThatThrownBy(() -> server.adminConnection().close()).isInstanceOf(SQLException.class);
  }

  @PgdestVersions({13, 16})
  abstract static class AbstractSuite {
    static TestDestination dest;

    @BeforeEach
    void earlierMajorsAreStopped() {
      for (PostgresServer s : SERVERS) {
        if (s.majorVersion() != dest.majorVersion()) {
          assertStopped(s);
        }
      }
    }

    @Test
    void one() {
      SERVERS.add(dest.server());
    }

    @Test
    void two() {
      SERVERS.add(dest.server());
      assertThat(dest.queryValue("SELECT current_setting('server_version_num')::int / 10000"))
          .isEqualTo(dest.majorVersion());
    }
  }

  static class ClassMatrix extends AbstractSuite {}

  @PgdestTest(version = 17)
  static class MethodMatrix {
    @PgdestVersions({13, 16})
    void perMajor(TestDestination dest) {
      SERVERS.add(dest.server());
    }

    @Test
    void plain(TestDestination dest) {
      SERVERS.add(dest.server());
    }
  }
}
