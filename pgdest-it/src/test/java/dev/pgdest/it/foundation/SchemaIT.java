package dev.pgdest.it.foundation;

import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgdestException;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.TestDestinations;
import dev.pgdest.testkit.WriterUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Destination.ensureSchema()} in both of the setup page's scenarios, and under a race. The
 * schema's name has mixed case and a space: it must be quoted everywhere to mean what was
 * configured.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM, schema = "Acme Sync")
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SchemaIT {
  /** A fresh database per test. */
  private TestDestination dest;
  private String database;
  private String schema;

  @BeforeEach
  void names() {
    database = dest.database();
    schema = dest.schema();
  }

  private DestinationConfig config(WriterUser user) {
    return TestDestinations.writerConfig(dest.server(), database, schema, user)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void seedWriterCreatesTheSchemaAndOwnsIt() throws Exception {
    WriterUser writer = dest.seedWriter();

    try (Destination destination = Destination.open(config(writer))) {
      destination.ensureSchema();
      destination.ensureSchema(); // a second call finds it and is a no-op
    }

    assertThat(owner(schema)).isEqualTo(writer.name());
  }

  @Test
  void precreatedSchemaWithGrantAllWorksWithoutDatabaseCreate() throws Exception {
    WriterUser writer = dest.precreatedSchemaWriter();
    assertThat(dest.queryValue("SELECT has_database_privilege(?, current_database(), 'CREATE')", writer.name()))
        .as("precondition: database CREATE is not granted").isEqualTo(false);

    try (Destination destination = Destination.open(config(writer))) {
      destination.ensureSchema();
    }

    assertThat(owner(schema)).isEqualTo(dest.server().superuser());
  }

  @Test
  void concurrentDestinationsAllSucceedAndCreateOneSchema() throws Exception {
    WriterUser writer = dest.seedWriter();
    DestinationConfig config = config(writer);
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

    assertThat(dest.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = ?", schema)).isEqualTo(1L);
  }

  @Test
  void missingSchemaWithoutCreateFailsWithTheGrantToRun() throws Exception {
    WriterUser writer = dest.createUser("GRANT TEMPORARY ON DATABASE {database} TO {user}");

    try (Destination destination = Destination.open(config(writer))) {
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
    WriterUser writer = dest.seedWriter();
    dest.execute("CREATE SCHEMA \"" + schema + "\"");

    try (Destination destination = Destination.open(config(writer))) {
      assertThatThrownBy(destination::ensureSchema)
          .isInstanceOf(PgdestException.class)
          .hasMessageContaining("GRANT ALL ON SCHEMA \"" + schema + "\" TO \"" + writer.name() + "\";");
    }
  }

  private String owner(String schemaName) {
    return ((String) dest.queryValue("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = ?", schemaName))
        .replace("\"", "");
  }
}
