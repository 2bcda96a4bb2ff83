package dev.pgdest.testkit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static dev.pgdest.testkit.EmbeddedPostgresServerIT.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WriterUsersIT {

  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static EmbeddedPostgresServer server;
  private String database;

  @BeforeAll
  static void startServer() {
    server = EmbeddedPostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void createDatabase() throws SQLException {
    database = "analytics_" + DATABASES.incrementAndGet();
    server.createDatabase(database);
  }

  @Test
  void seedWriterAuthenticatesWithScramAndItsAwkwardPassword() throws SQLException {
    WriterUser writer = WriterUsers.createSeedWriter(server, database);

    assertThat(writer.name()).matches("pgdest_writer_[0-9a-f]{8}");
    assertThat(writer.password()).contains("@", "[", "]", "/", "?", "#", "\"", "\\", "+", " ", "&", ":", "%", "'");
    assertThat(queryString(server, database, "SELECT rolpassword FROM pg_authid WHERE rolname = '" + writer.name() + "'"))
        .startsWith("SCRAM-SHA-256$");
    try (Connection c = writer.connect(server, database)) {
      assertThat(queryString(c, "SELECT current_user")).isEqualTo(writer.name());
    }
    assertThatThrownBy(() -> server.connect(database, writer.name(), writer.password() + "x").close())
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
  }

  @Test
  void seedWriterCanCreateASchemaAndATempTable() throws SQLException {
    WriterUser writer = WriterUsers.createSeedWriter(server, database);

    try (Connection c = writer.connect(server, database); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA acme_sync");
      s.execute("CREATE TABLE acme_sync.users (id bigint PRIMARY KEY)");
      s.execute("CREATE TEMP TABLE staging (LIKE acme_sync.users)");
      s.execute("INSERT INTO staging VALUES (1)");
    }
  }

  @Test
  void seedWriterCannotCreateInSchemaPublic() throws SQLException {
    WriterUser writer = WriterUsers.createSeedWriter(server, database);

    assertInsufficientPrivilege(writer, "CREATE TABLE public.t (id int)");
  }

  @Test
  void userWithoutTemporaryCannotCreateATempTable() throws SQLException {
    WriterUser writer = WriterUsers.createUser(server, database, WriterUsers.randomSeedPassword(),
        "GRANT CREATE ON DATABASE {database} TO {user}");

    assertInsufficientPrivilege(writer, "CREATE TEMP TABLE staging (id int)");
    try (Connection c = writer.connect(server, database); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA still_allowed");
    }
  }

  @Test
  void precreatedSchemaWriterCannotCreateSchemasButCanCreateTablesInItsSchema() throws SQLException {
    WriterUser writer = WriterUsers.createPrecreatedSchemaWriter(server, database, "Acme Sync");

    assertInsufficientPrivilege(writer, "CREATE SCHEMA another");
    try (Connection c = writer.connect(server, database); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE \"Acme Sync\".users (id bigint PRIMARY KEY)");
      s.execute("CREATE TEMP TABLE staging (LIKE \"Acme Sync\".users)");
    }
  }

  private void assertInsufficientPrivilege(WriterUser writer, String sql) throws SQLException {
    try (Connection c = writer.connect(server, database); Statement s = c.createStatement()) {
      ThrowingCallable run = () -> s.execute(sql);
      assertThatThrownBy(run)
          .as("%s as %s", sql, writer)
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }
  }
}
