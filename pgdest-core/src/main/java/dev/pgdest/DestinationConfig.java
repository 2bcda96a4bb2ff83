package dev.pgdest;

import dev.pgdest.internal.config.ConfigRules;
import dev.pgdest.internal.config.PgdestStyle;
import dev.pgdest.spi.DestinationObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Everything pgdest needs to reach and write into one PostgreSQL destination: the fields of the
 * setup page (host, port, database, schema, username, password), TLS, an optional SSH tunnel,
 * and the pool and batch limits. Immutable and thread-safe; build one per customer destination.
 *
 * <p>{@link Builder#build()} checks every field and throws a {@link ConfigurationException} that
 * names the field, the value and the rule. Secrets (password, TLS key password, SSH key and
 * passphrase) are masked in {@link #toString()} and never appear in logs or messages.
 *
 * <p>Username and password may contain any character, including {@code @ [ ] / ? # " \ + & :},
 * spaces, quotes, {@code %} and non-ASCII letters: they travel to the driver as connection
 * properties and are never spliced into a URL.
 *
 * <pre>{@code
 * DestinationConfig config = DestinationConfig.builder()
 *     .host("db.example.com")
 *     .database("analytics")
 *     .schema("acme_sync")
 *     .username("pgdest_writer")
 *     .password("p@ss:w/rd#1")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@PgdestStyle
public abstract class DestinationConfig {

  DestinationConfig() {}

  /** A new builder. Required: host, database, schema, username. */
  public static Builder builder() {
    return new Builder();
  }

  /** Host name or IP address of the PostgreSQL server (resolved on the bastion when tunnelled). */
  public abstract String host();

  /** TCP port of the PostgreSQL server; 5432 unless set. */
  @Value.Default
  public int port() {
    return 5432;
  }

  /** The database to write into. It must exist; pgdest never creates databases. */
  public abstract String database();

  /** The schema tables are written into; created on first use by {@link Destination#ensureSchema()}. */
  public abstract String schema();

  /** The writer user's name. */
  public abstract String username();

  /** The writer user's password, any characters. Masked in {@link #toString()}. */
  @Value.Redacted
  public abstract Optional<String> password();

  /** TLS mode; {@link SslMode#VERIFY_FULL} unless set (see {@link SslMode} for why). */
  @Value.Default
  public SslMode sslMode() {
    return SslMode.VERIFY_FULL;
  }

  /**
   * PEM file with the CA certificate(s) the server certificate must chain to. When absent, the
   * JVM's default trust store is used.
   */
  public abstract Optional<Path> sslRootCert();

  /** PEM file with a client certificate, for servers that authenticate clients by certificate. */
  public abstract Optional<Path> sslClientCert();

  /** The client certificate's private key (PKCS#8 DER {@code .pk8}, PEM or PKCS#12 {@code .p12}). */
  public abstract Optional<Path> sslClientKey();

  /** Password of {@link #sslClientKey()}, if it is encrypted. Masked in {@link #toString()}. */
  @Value.Redacted
  public abstract Optional<String> sslClientKeyPassword();

  /** The SSH tunnel through a bastion host, when the database is not reachable directly. */
  public abstract Optional<SshTunnel> tunnel();

  /** Most connections the destination holds open at once; 4 unless set. */
  @Value.Default
  public int maxPoolSize() {
    return 4;
  }

  /** How long to wait for a TCP connection and login; 10 seconds unless set. */
  @Value.Default
  public Duration connectTimeout() {
    return Duration.ofSeconds(10);
  }

  /**
   * How long a statement may wait on the network before the connection is declared dead; 15
   * minutes unless set, so that a black-holed connection fails instead of hanging forever.
   * {@link Duration#ZERO} waits forever.
   */
  @Value.Default
  public Duration socketTimeout() {
    return Duration.ofMinutes(15);
  }

  /** The {@code application_name} the server shows in {@code pg_stat_activity}; "pgdest" unless set. */
  @Value.Default
  public String applicationName() {
    return "pgdest";
  }

  /** Most rows in one batch (one transaction); 100,000 unless set. */
  @Value.Default
  public int batchRows() {
    return 100_000;
  }

  /** Most encoded bytes in one batch; 64 MiB unless set. */
  @Value.Default
  public long batchBytes() {
    return 64L * 1024 * 1024;
  }

  /** What to do with NUL characters and unpaired surrogates in text; {@link NulPolicy#STRIP} unless set. */
  @Value.Default
  public NulPolicy nulPolicy() {
    return NulPolicy.STRIP;
  }

  /** How many times a batch that hit a passing fault is replayed before giving up; 3 unless set. */
  @Value.Default
  public int maxRetries() {
    return 3;
  }

  /** Wait before the first replay, doubled for each further one; 500 ms unless set. */
  @Value.Default
  public Duration retryBackoff() {
    return Duration.ofMillis(500);
  }

  /**
   * Whether server error DETAIL lines go into exception messages. Off unless set, because a
   * DETAIL may quote a row's values (for example the key of a unique violation).
   */
  @Value.Default
  public boolean includeServerDetail() {
    return false;
  }

  /**
   * Hears every writer's batches, replays and refused rows, per table, and may give the pool a
   * metrics registry: for metrics ({@code dev.pgdest:pgdest-micrometer}) or tracing. None unless set.
   */
  @Value.Auxiliary
  public abstract Optional<DestinationObserver> observer();

  @Value.Check
  final void validate() {
    ConfigRules.validate(this);
  }

  /**
   * Builds a {@link DestinationConfig}. Not thread-safe. Each field may be set once; {@link
   * #build()} validates them all.
   */
  public static final class Builder extends ImmutableDestinationConfig.Builder {
    Builder() {}

    /**
     * Validates every field and returns the configuration.
     *
     * @throws ConfigurationException naming the missing or invalid field and the rule
     */
    @Override
    public DestinationConfig build() {
      try {
        return super.build();
      } catch (IllegalStateException e) {
        throw new ConfigurationException(ConfigRules.builderMessage("DestinationConfig", e), e);
      }
    }
  }
}
