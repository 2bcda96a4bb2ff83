package dev.pgdest.testkit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static dev.pgdest.testkit.EmbeddedPostgresServerIT.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The oldest and newest supported majors; their binaries are resolved (and downloaded) at run time. */
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MajorVersionsIT {

  @Test
  void startsPostgres12AndDropsAnInUseDatabaseWithoutForce() throws SQLException {
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(12)) {
      assertThat(pg.majorVersion()).isEqualTo(12);
      assertThat(pg.serverVersion()).isEqualTo("12.22");
      assertThat(queryString(pg, "postgres", "SHOW server_version_num")).startsWith("12");

      pg.createDatabase("busy");
      try (Connection open = pg.adminConnection("busy")) {
        pg.dropDatabase("busy");
        assertThat(queryString(pg, "postgres", "SELECT count(*) FROM pg_database WHERE datname = 'busy'"))
            .isEqualTo("0");
      }
    }
  }

  @Test
  void startsPostgres18() throws SQLException {
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(18)) {
      assertThat(pg.majorVersion()).isEqualTo(18);
      assertThat(pg.serverVersion()).isEqualTo("18.6");
      assertThat(queryString(pg, "postgres", "SELECT version()")).startsWith("PostgreSQL 18.6");
    }
  }
}
