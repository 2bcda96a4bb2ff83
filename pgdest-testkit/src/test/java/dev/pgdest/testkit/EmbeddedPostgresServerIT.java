package dev.pgdest.testkit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedPostgresServerIT {

  private static EmbeddedPostgresServer server;

  @BeforeAll
  static void startServer() {
    server = EmbeddedPostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void startsTheDefaultMajorVersion() throws SQLException {
    assertThat(server.majorVersion()).isEqualTo(17);
    assertThat(server.serverVersion()).isEqualTo("17.11");
    assertThat(queryString(server, "postgres", "SELECT version()")).startsWith("PostgreSQL 17.11");
  }

  @Test
  void jdbcUrlCarriesNoCredentials() {
    assertThat(server.jdbcUrl("postgres"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres")
        .doesNotContain(server.superuserPassword());
  }

  @Test
  void acceptsOnlyScramPasswordsOverTcp() throws SQLException {
    assertThatThrownBy(() -> server.connect("postgres", server.superuser(), "wrong").close())
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    assertThat(queryString(server, "postgres",
        "SELECT rolpassword FROM pg_authid WHERE rolname = current_user")).startsWith("SCRAM-SHA-256$");
    assertThat(queryString(server, "postgres",
        "SELECT string_agg(type || ' ' || array_to_string(database, ',') || ' ' || coalesce(address, '')"
            + " || ' ' || auth_method, '; ' ORDER BY line_number) FROM pg_hba_file_rules WHERE type = 'host'"))
        .as("every TCP rule asks for a SCRAM password")
        .contains("host all 127.0.0.1 scram-sha-256")
        .doesNotContain("trust", "md5");
  }

  @Test
  void createsAndDropsADatabaseWithAnAwkwardNameWhileItIsInUse() throws SQLException {
    String name = "Mixed Case \"db\" é/?#";
    server.createDatabase(name);
    try (Connection open = server.adminConnection(name)) {
      assertThat(queryString(open, "SELECT current_database()")).isEqualTo(name);
      server.dropDatabase(name);
    }
    assertThat(queryString(server, "postgres",
        "SELECT count(*) FROM pg_database WHERE datname = 'Mixed Case \"db\" é/?#'")).isEqualTo("0");
  }

  @Test
  void startsTwoServersConcurrentlyOnDifferentPorts() throws Exception {
    CompletableFuture<EmbeddedPostgresServer> first = CompletableFuture.supplyAsync(EmbeddedPostgresServer::start);
    CompletableFuture<EmbeddedPostgresServer> second = CompletableFuture.supplyAsync(EmbeddedPostgresServer::start);
    try (EmbeddedPostgresServer a = first.get(); EmbeddedPostgresServer b = second.get()) {
      assertThat(Set.of(a.port(), b.port(), server.port())).hasSize(3);
      for (EmbeddedPostgresServer pg : List.of(a, b, server)) {
        assertThat(queryString(pg, "postgres", "SELECT inet_server_port()")).isEqualTo(Integer.toString(pg.port()));
      }
      assertThat(a.dataDirectory()).isNotEqualTo(b.dataDirectory());
    }
  }

  @Test
  void closeStopsThePostmasterAndDeletesTheWorkDirectory() throws Exception {
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start();
    Path data = pg.dataDirectory();
    long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    assertThat(ProcessHandle.of(pid)).as("postmaster %s before close", pid).isPresent();

    pg.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("postmaster %s after close", pid).isEmpty();
    assertThat(data.getParent()).doesNotExist();
    pg.close();
    assertThatThrownBy(() -> pg.adminConnection().close()).isInstanceOf(SQLException.class);
  }

  @Test
  void appliesSettingsHbaLinesAndDataFiles() throws Exception {
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.builder()
        .setting("work_mem", "7MB")
        .hbaLine("host all pgdest_blocked 127.0.0.1/32 reject")
        .dataFile("notes.txt", "hello".getBytes(StandardCharsets.UTF_8), false)
        .dataFile("secret.key", "key".getBytes(StandardCharsets.UTF_8), true)
        .start()) {
      assertThat(queryString(pg, "postgres", "SHOW work_mem")).isEqualTo("7MB");
      try (Connection c = pg.adminConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE ROLE pgdest_blocked LOGIN PASSWORD 'secret'");
      }
      assertThatThrownBy(() -> pg.connect("postgres", "pgdest_blocked", "secret").close())
          .as("the added pg_hba line comes before the default rule")
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
      assertThat(pg.dataDirectory().resolve("notes.txt")).hasContent("hello");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pg.dataDirectory().resolve("notes.txt"))))
          .isEqualTo("rw-r--r--");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pg.dataDirectory().resolve("secret.key"))))
          .isEqualTo("rw-------");
    }
  }

  static String queryString(PostgresServer pg, String database, String sql) throws SQLException {
    try (Connection c = pg.adminConnection(database)) {
      return queryString(c, sql);
    }
  }

  static String queryString(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from %s", sql).isTrue();
      return rs.getString(1);
    }
  }
}
