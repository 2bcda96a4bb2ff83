package dev.pgdest.it.foundation;

import static dev.pgdest.it.foundation.Fixtures.admin;
import static dev.pgdest.it.foundation.Fixtures.config;
import static dev.pgdest.it.foundation.Fixtures.newDatabase;
import static dev.pgdest.it.foundation.Fixtures.newSchemaName;
import static dev.pgdest.it.foundation.Fixtures.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgdestException;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Destination.ensureSchema()} in both of the setup page's scenarios, and under a race. */
class SchemaIT {
  private static EmbeddedPostgresServer server;
  private String database;
  private String schema;

  @BeforeAll
  static void startServer() {
    server = EmbeddedPostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void freshDatabase() throws Exception {
    database = newDatabase(server);
    // Mixed case and a space: the name must be quoted everywhere to mean what was configured.
    schema = "Acme Sync " + newSchemaName();
  }

  @Test
  void seedWriterCreatesTheSchemaAndOwnsIt() throws Exception {
    WriterUser writer = WriterUsers.createSeedWriter(server, database);

    try (Destination destination = Destination.open(config(server, database, schema, writer))) {
      destination.ensureSchema();
      destination.ensureSchema(); // a second call finds it and is a no-op
    }

    assertThat(owner(schema)).isEqualTo(writer.name());
  }

  @Test
  void precreatedSchemaWithGrantAllWorksWithoutDatabaseCreate() throws Exception {
    WriterUser writer = WriterUsers.createPrecreatedSchemaWriter(server, database, schema);
    assertThat(queryString(server, database, "SELECT has_database_privilege('" + writer.name() + "', current_database(),"
        + " 'CREATE')")).as("precondition: database CREATE is not granted").isEqualTo("f");

    try (Destination destination = Destination.open(config(server, database, schema, writer))) {
      destination.ensureSchema();
    }

    assertThat(owner(schema)).isEqualTo(server.superuser());
  }

  @Test
  void concurrentDestinationsAllSucceedAndCreateOneSchema() throws Exception {
    WriterUser writer = WriterUsers.createSeedWriter(server, database);
    DestinationConfig config = config(server, database, schema, writer);
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Destination> destinations = new ArrayList<>();
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Destination destination = Destination.open(config);
        destinations.add(destination);
        results.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          destination.ensureSchema();
          return null;
        }));
      }
      for (Future<?> result : results) {
        result.get(60, TimeUnit.SECONDS); // rethrows a failure of any of them
      }
    } finally {
      pool.shutdownNow();
      destinations.forEach(Destination::close);
    }

    assertThat(queryString(server, database, "SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'"))
        .isEqualTo("1");
  }

  @Test
  void missingSchemaWithoutCreateFailsWithTheGrantToRun() throws Exception {
    WriterUser writer = WriterUsers.createUser(server, database, WriterUsers.randomSeedPassword(),
        "GRANT TEMPORARY ON DATABASE {database} TO {user}");

    try (Destination destination = Destination.open(config(server, database, schema, writer))) {
      assertThatThrownBy(destination::ensureSchema)
          .isInstanceOfSatisfying(PgdestException.class, e -> {
            assertThat(e.sqlState()).hasValue("42501");
            assertThat(e.isRetryable()).isFalse();
          })
          .hasMessageContaining("may not create schema \"" + schema + "\"")
          .hasMessageContaining("GRANT CREATE ON DATABASE \"" + database + "\" TO \"" + writer.name() + "\";")
          .hasMessageContaining("GRANT ALL ON SCHEMA \"" + schema + "\" TO \"" + writer.name() + "\";");
    }
  }

  @Test
  void precreatedSchemaWithoutTheGrantFailsWithGrantAll() throws Exception {
    WriterUser writer = WriterUsers.createSeedWriter(server, database);
    admin(server, database, "CREATE SCHEMA \"" + schema + "\"");

    try (Destination destination = Destination.open(config(server, database, schema, writer))) {
      assertThatThrownBy(destination::ensureSchema)
          .isInstanceOf(PgdestException.class)
          .hasMessageContaining("GRANT ALL ON SCHEMA \"" + schema + "\" TO \"" + writer.name() + "\";");
    }
  }

  private String owner(String schemaName) throws Exception {
    return queryString(server, database, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = '"
        + schemaName + "'").replace("\"", "");
  }
}
