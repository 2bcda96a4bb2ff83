package dev.pgdest.testkit;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.testkit.internal.SqlText;
import dev.pgdest.testkit.internal.junit.AdminSession;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A disposable destination: a fresh database on a {@link PostgresServer}, a schema name, and the
 * users and configurations a test needs, created on first use. {@link #close()} drops the
 * database and the users it created, leaving a shared server clean.
 *
 * <p>The JUnit extension ({@link PgdestTest}) creates these and closes them; outside JUnit use
 * {@link #create(PostgresServer, String)}. Every configuration it hands out uses
 * {@code sslMode(DISABLE)} (the servers are on loopback); start from
 * {@link TestDestinations#builder} to test TLS.
 *
 * <p>Queries ({@link #query}, {@link #execute}) run as the superuser in this database with
 * {@code search_path} set to the schema, so unqualified table names mean the destination's tables.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * @PgdestTest
 * class MyConnectorTest {
 *   @Test
 *   void loads(TestDestination dest) {
 *     try (Destination d = dest.openDestination()) { ... }
 *     assertThat(dest.query("SELECT count(*) AS n FROM users").get(0).get("n")).isEqualTo(3L);
 *   }
 * }
 * }</pre>
 */
public final class TestDestination implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TestDestination.class);
  private static final String RUN_ID = runId();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final PostgresServer server;
  private final String database;
  private final String schema;
  private final AdminSession admin;
  private final List<Destination> opened = new CopyOnWriteArrayList<>();
  private final List<WriterUser> users = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private WriterUser seedWriter;
  private WriterUser precreatedWriter;

  private TestDestination(PostgresServer server, String database, String schema) {
    this.server = server;
    this.database = database;
    this.schema = schema;
    this.admin = new AdminSession(server, database, schema);
  }

  /**
   * Creates a fresh database on {@code server} (named {@code pgdest_test_<run>_<n>}) for a
   * destination whose schema is {@code schema}. The schema itself is not created: the writer does
   * that, as in production.
   */
  public static TestDestination create(PostgresServer server, String schema) {
    SqlText.ident(schema);
    String database = "pgdest_test_" + RUN_ID + "_" + COUNTER.incrementAndGet();
    try {
      server.createDatabase(database);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + database + " on " + server, e);
    }
    return new TestDestination(server, database, schema);
  }

  /** The server this destination lives on. */
  public PostgresServer server() {
    return server;
  }

  /** The server's major version. */
  public int majorVersion() {
    return server.majorVersion();
  }

  /** This destination's database (created for it, dropped by {@link #close()}). */
  public String database() {
    return database;
  }

  /** The schema the configurations name. */
  public String schema() {
    return schema;
  }

  /** The superuser's configuration for this database and schema. */
  public DestinationConfig adminConfig() {
    return adminConfigBuilder().build();
  }

  /** A builder pre-filled like {@link #adminConfig()}, to add settings to. */
  public DestinationConfig.Builder adminConfigBuilder() {
    return TestDestinations.adminConfig(server, database, schema);
  }

  /**
   * The writer the setup page describes: {@code CREATE} and {@code TEMPORARY} on the database and
   * nothing else, with a password full of characters that break URLs. Created on first call.
   */
  public synchronized WriterUser seedWriter() {
    if (seedWriter == null) {
      seedWriter = remember(call(() -> WriterUsers.createSeedWriter(server, database)));
    }
    return seedWriter;
  }

  /** The {@link #seedWriter()}'s configuration. */
  public DestinationConfig writerConfig() {
    return writerConfigBuilder().build();
  }

  /** A builder pre-filled like {@link #writerConfig()}, to add settings to. */
  public DestinationConfig.Builder writerConfigBuilder() {
    return TestDestinations.writerConfig(server, database, schema, seedWriter());
  }

  /**
   * The setup page's pre-created schema variant: the schema is created by the admin, the writer
   * gets {@code ALL} on it and {@code TEMPORARY} on the database, but cannot create schemas.
   * Created on first call.
   */
  public synchronized WriterUser precreatedSchemaWriter() {
    if (precreatedWriter == null) {
      precreatedWriter = remember(call(() -> WriterUsers.createPrecreatedSchemaWriter(server, database, schema)));
    }
    return precreatedWriter;
  }

  /** The {@link #precreatedSchemaWriter()}'s configuration. */
  public DestinationConfig precreatedSchemaWriterConfig() {
    return precreatedSchemaWriterConfigBuilder().build();
  }

  /** A builder pre-filled like {@link #precreatedSchemaWriterConfig()}, to add settings to. */
  public DestinationConfig.Builder precreatedSchemaWriterConfigBuilder() {
    return TestDestinations.writerConfig(server, database, schema, precreatedSchemaWriter());
  }

  /** Opens a {@link Destination} as the seed writer; it is closed with this handle if still open. */
  public Destination openDestination() {
    return openDestination(writerConfig());
  }

  /** Opens a {@link Destination} with {@code config}; it is closed with this handle if still open. */
  public Destination openDestination(DestinationConfig config) {
    Destination d = Destination.open(config);
    opened.add(d);
    return d;
  }

  /** A new superuser connection to this database; the caller closes it. */
  public Connection adminConnection() throws SQLException {
    return server.adminConnection(database);
  }

  /**
   * Runs a query as the superuser; {@code ?} placeholders take {@code params}. Each row maps
   * column labels to JDBC values, in column order.
   *
   * @throws IllegalArgumentException if two result columns share a label; alias them
   */
  public List<Map<String, Object>> query(String sql, Object... params) {
    return call(() -> admin.query(sql, params));
  }

  /** The first column of the first row of a query, or null when there is no row. */
  public Object queryValue(String sql, Object... params) {
    List<Map<String, Object>> rows = query(sql, params);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  /** Runs a statement as the superuser and returns its update count. */
  public int execute(String sql, Object... params) {
    return call(() -> admin.execute(sql, params));
  }

  /** {@code "schema"."table"}, quoted. */
  public String qualified(String table) {
    return SqlText.ident(schema) + "." + SqlText.ident(table);
  }

  /** Rows in {@code table} of this destination's schema. */
  public long rowCount(String table) {
    return ((Number) queryValue("SELECT count(*) FROM " + qualified(table))).longValue();
  }

  /** Whether {@code table} exists in this destination's schema. */
  public boolean tableExists(String table) {
    return !query("SELECT 1 FROM pg_tables WHERE schemaname = ? AND tablename = ?", schema, table).isEmpty();
  }

  /** Drops {@code table} from the schema if it exists. */
  public void dropTable(String table) {
    execute("DROP TABLE IF EXISTS " + qualified(table) + " CASCADE");
  }

  /**
   * Drops the schema with everything in it. If the pre-created schema writer exists, the schema is
   * created again with its grant, as the setup page leaves it.
   */
  public synchronized void resetSchema() {
    execute("DROP SCHEMA IF EXISTS " + SqlText.ident(schema) + " CASCADE");
    if (precreatedWriter != null) {
      execute("CREATE SCHEMA " + SqlText.ident(schema));
      execute("GRANT ALL ON SCHEMA " + SqlText.ident(schema) + " TO " + SqlText.ident(precreatedWriter.name()));
    }
  }

  /**
   * Creates one more user in this database with exactly {@code grantsSql} (see
   * {@link WriterUsers#createUser}); it is dropped by {@link #close()}.
   */
  public WriterUser createUser(String... grantsSql) {
    return remember(call(() -> WriterUsers.createUser(server, database, WriterUsers.randomSeedPassword(), grantsSql)));
  }

  /** Closes opened destinations, drops the database and the users created for it. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Destination d : opened) {
      try {
        d.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing a destination of {} failed: {}", database, e.toString());
      }
    }
    admin.close();
    try {
      server.dropDatabase(database);
      dropUsers();
    } catch (SQLException e) {
      LOG.warn("Could not drop test database {} or its users: {}", database, e.getMessage());
    }
  }

  private void dropUsers() throws SQLException {
    if (users.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>();
    users.forEach(u -> names.add(SqlText.ident(u.name())));
    try (Connection c = server.adminConnection(); java.sql.Statement s = c.createStatement()) {
      s.execute("DROP ROLE IF EXISTS " + String.join(", ", names));
    }
  }

  private WriterUser remember(WriterUser user) {
    users.add(user);
    return user;
  }

  @Override
  public String toString() {
    return "TestDestination[" + database + "." + schema + " on " + server + "]";
  }

  private static String runId() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private interface SqlCall<T> {
    T call() throws SQLException;
  }

  private static <T> T call(SqlCall<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", e);
    }
  }
}
