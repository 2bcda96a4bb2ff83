package dev.pgdest.testkit;

import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import java.sql.SQLException;

/**
 * Bridges a {@link PostgresServer} to {@link DestinationConfig}: pre-filled builders for its
 * superuser and for restricted writer users, so a test can add what it needs and build.
 *
 * <p>The builders are strict (a field may be set once). The {@code *Config} methods set
 * {@code sslMode(DISABLE)}, right for a loopback server without TLS; to test TLS start from
 * {@link #builder(PostgresServer, String, String, String, String)}, which leaves the TLS fields
 * unset.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * DestinationConfig config = TestDestinations.seedWriterConfig(server, "analytics", "acme_sync")
 *     .batchRows(1_000)
 *     .build();
 * }</pre>
 */
public final class TestDestinations {

  private TestDestinations() {}

  /** Host, port, database, schema, user and password of {@code server}; nothing else set. */
  public static DestinationConfig.Builder builder(PostgresServer server, String database, String schema, String user,
      String password) {
    DestinationConfig.Builder b = DestinationConfig.builder()
        .host(server.host())
        .port(server.port())
        .database(database)
        .schema(schema)
        .username(user);
    if (password != null) {
      b.password(password);
    }
    return b;
  }

  /** The superuser, without TLS. */
  public static DestinationConfig.Builder adminConfig(PostgresServer server, String database, String schema) {
    return builder(server, database, schema, server.superuser(), server.superuserPassword()).sslMode(SslMode.DISABLE);
  }

  /** {@code user}, without TLS. */
  public static DestinationConfig.Builder writerConfig(PostgresServer server, String database, String schema,
      WriterUser user) {
    return builder(server, database, schema, user.name(), user.password()).sslMode(SslMode.DISABLE);
  }

  /**
   * Creates a writer with the setup page's grants ({@link WriterUsers#createSeedWriter}) and
   * returns its configuration, without TLS.
   */
  public static DestinationConfig.Builder seedWriterConfig(PostgresServer server, String database, String schema)
      throws SQLException {
    return writerConfig(server, database, schema, WriterUsers.createSeedWriter(server, database));
  }

  /**
   * Creates {@code schema} and a writer with {@code ALL} on it but no {@code CREATE} on the
   * database ({@link WriterUsers#createPrecreatedSchemaWriter}), and returns its configuration,
   * without TLS.
   */
  public static DestinationConfig.Builder precreatedSchemaWriterConfig(PostgresServer server, String database,
      String schema) throws SQLException {
    return writerConfig(server, database, schema, WriterUsers.createPrecreatedSchemaWriter(server, database, schema));
  }
}
