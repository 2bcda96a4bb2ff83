package dev.pgdest.testkit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Backends other than the embedded one, as far as this machine allows. */
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BackendsIT {

  @AfterEach
  void clearProperties() {
    System.clearProperty("pgdest.test.url");
    System.clearProperty("pgdest.test.user");
    System.clearProperty("pgdest.test.password");
    System.clearProperty(Backend.BACKEND_PROPERTY);
  }

  @Test
  void testcontainersStartsAContainerOrSaysDockerIsMissing() throws Exception {
    PostgresServer server;
    try {
      server = Backend.TESTCONTAINERS.start(16);
    } catch (BackendUnavailableException e) {
      assertThat(e).hasMessageStartingWith("Docker is not available: ").hasMessageContaining("Backend.EMBEDDED");
      return;
    }
    try (server; Connection c = server.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(16);
    }
  }

  @Test
  void theExtensionSkipsTestcontainersClassesWithoutDocker() {
    var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ContainerSample.class)).execute();
    long aborted = results.containerEvents().aborted().count() + results.testEvents().aborted().count();
    long succeeded = results.testEvents().succeeded().count();
    assertThat(aborted + succeeded).as("skipped without Docker, passed with it").isEqualTo(1);
    assertThat(results.testEvents().failed().count()).isZero();
  }

  @Test
  void externalUsesTheNamedServerAndDropsTheDatabasesItCreated() throws Exception {
    try (EmbeddedPostgresServer real = EmbeddedPostgresServer.start()) {
      System.setProperty("pgdest.test.url", "jdbc:postgresql://" + real.host() + ":" + real.port() + "/postgres");
      System.setProperty("pgdest.test.user", real.superuser());
      System.setProperty("pgdest.test.password", real.superuserPassword());
      System.setProperty(Backend.BACKEND_PROPERTY, "external");
      assertThat(Backend.DEFAULT.resolve()).isEqualTo(Backend.EXTERNAL);
      String database;
      try (PostgresServer external = Backend.DEFAULT.start(17); TestDestination dest = TestDestination.create(external,
          "s")) {
        assertThat(external.port()).isEqualTo(real.port());
        assertThat(external.serverVersion()).isEqualTo(real.serverVersion());
        database = dest.database();
        assertThat(dest.queryValue("SELECT current_database()")).isEqualTo(database);
        assertThat(dest.seedWriter().name()).startsWith("pgdest_writer_");
      }
      try (Connection c = real.adminConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'pgdest_test_%'"
              + " UNION ALL SELECT count(*) FROM pg_roles WHERE rolname LIKE 'pgdest_writer_%'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("test databases left behind").isZero();
        rs.next();
        assertThat(rs.getInt(1)).as("writer roles left behind").isZero();
      }
      assertThatThrownBy(() -> Backend.EXTERNAL.start(13)).isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("runs 17.").hasMessageContaining("not 13.x");
      try (PostgresServer any = Backend.EXTERNAL.start(0)) {
        assertThat(any.majorVersion()).as("0 takes whatever the external server runs").isEqualTo(17);
      }
    }
  }

  @Test
  void externalWithoutAUrlSaysWhatToSet() {
    System.setProperty("pgdest.test.url", "");
    assertThatThrownBy(() -> Backend.EXTERNAL.start(17)).isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("pgdest.test.url").hasMessageContaining("PGDEST_TEST_URL");
  }

  @PgdestTest(backend = Backend.TESTCONTAINERS)
  static class ContainerSample {
    @Test
    void runsOnlyWithDocker(TestDestination dest) {
      assertThat(dest.majorVersion()).isEqualTo(17);
    }
  }
}
