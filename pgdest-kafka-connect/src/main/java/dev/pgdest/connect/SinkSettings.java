package dev.pgdest.connect;

import dev.pgdest.DestinationConfig;
import dev.pgdest.SshTunnel;
import dev.pgdest.SslMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * A connector's configuration, parsed and checked across keys: what {@link PgdestSinkConfig}
 * cannot say key by key (key.mode=none with upsert, a tunnel without a key). Immutable.
 */
final class SinkSettings {

  /** The key column of a primitive record key when key.fields names none. */
  static final String DEFAULT_KEY_COLUMN = "id";

  /** Where the primary key comes from. */
  enum KeyMode { RECORD_KEY, RECORD_VALUE, NONE }

  /** How records land. */
  enum InsertMode { UPSERT, APPEND }

  /**
   * A version column filled from a Debezium envelope.
   *
   * @param configValue as configured, e.g. {@code source.lsn}
   * @param envelopeField the source block's field, or null for the event's own {@code ts_ms}
   * @param column the column the value is stored in
   */
  record VersionSource(String configValue, String envelopeField, String column) {}

  /** One problem with a configuration, on the key a user must change. */
  record Problem(String key, String message) {}

  private final AbstractConfig config;
  private final KeyMode keyMode;
  private final InsertMode insertMode;
  private final List<String> keyFields;
  private final VersionSource versionSource;

  /** @throws ConfigException on the first problem, key by key or across keys */
  SinkSettings(Map<String, String> props) {
    this(props, true);
  }

  /** The cross-key problems of a configuration whose keys are each valid. */
  static List<Problem> problemsOf(Map<String, String> props) {
    return new SinkSettings(props, false).problems();
  }

  private SinkSettings(Map<String, String> props, boolean strict) {
    this.config = new AbstractConfig(PgdestSinkConfig.CONFIG_DEF, props, false);
    this.keyMode = KeyMode.valueOf(lower(PgdestSinkConfig.KEY_MODE).toUpperCase(Locale.ROOT));
    this.insertMode = InsertMode.valueOf(lower(PgdestSinkConfig.INSERT_MODE).toUpperCase(Locale.ROOT));
    this.keyFields = List.copyOf(config.getList(PgdestSinkConfig.KEY_FIELDS));
    this.versionSource = versionSource(config.getString(PgdestSinkConfig.VERSION_COLUMN));
    List<Problem> problems = problems();
    if (strict && !problems.isEmpty()) {
      Problem p = problems.get(0);
      throw new ConfigException(p.key() + ": " + p.message());
    }
  }

  /** Cross-key problems; empty when the configuration is usable. */
  List<Problem> problems() {
    List<Problem> out = new ArrayList<>();
    if (keyMode == KeyMode.NONE && insertMode == InsertMode.UPSERT) {
      out.add(new Problem(PgdestSinkConfig.KEY_MODE, "key.mode=none needs insert.mode=append: upserts need a key"));
    }
    if (keyMode == KeyMode.RECORD_VALUE && keyFields.isEmpty()) {
      out.add(new Problem(PgdestSinkConfig.KEY_FIELDS, "key.mode=record_value needs key.fields to name the key's value fields"));
    }
    if (config.getString(PgdestSinkConfig.SSH_HOST) != null) {
      if (config.getString(PgdestSinkConfig.SSH_USER) == null) {
        out.add(new Problem(PgdestSinkConfig.SSH_USER, "an SSH tunnel (ssh.host) needs ssh.user"));
      }
      if (config.getPassword(PgdestSinkConfig.SSH_PRIVATE_KEY) == null) {
        out.add(new Problem(PgdestSinkConfig.SSH_PRIVATE_KEY, "an SSH tunnel (ssh.host) needs ssh.private.key: public-key auth only"));
      }
      if (config.getString(PgdestSinkConfig.SSH_KNOWN_HOSTS) == null && config.getString(PgdestSinkConfig.SSH_FINGERPRINT) == null) {
        out.add(new Problem(PgdestSinkConfig.SSH_KNOWN_HOSTS,
            "an SSH tunnel (ssh.host) needs ssh.known.hosts or ssh.host.key.fingerprint: the host key is always verified"));
      }
    }
    return out;
  }

  /** The destination as pgdest takes it; fails naming the field, value and rule. */
  DestinationConfig destinationConfig() {
    DestinationConfig.Builder b = DestinationConfig.builder()
        .host(config.getString(PgdestSinkConfig.HOST))
        .port(config.getInt(PgdestSinkConfig.PORT))
        .database(config.getString(PgdestSinkConfig.DATABASE))
        .schema(config.getString(PgdestSinkConfig.SCHEMA))
        .username(config.getString(PgdestSinkConfig.USER))
        .sslMode(sslMode())
        .applicationName("pgdest-kafka-connect")
        // One session per task holds one connection; the second serves the check and the schema.
        .maxPoolSize(2);
    secret(PgdestSinkConfig.PASSWORD).ifPresent(b::password);
    path(PgdestSinkConfig.SSL_ROOT_CERT).ifPresent(b::sslRootCert);
    path(PgdestSinkConfig.SSL_CERT).ifPresent(b::sslClientCert);
    path(PgdestSinkConfig.SSL_KEY).ifPresent(b::sslClientKey);
    secret(PgdestSinkConfig.SSL_KEY_PASSWORD).ifPresent(b::sslClientKeyPassword);
    String sshHost = config.getString(PgdestSinkConfig.SSH_HOST);
    if (sshHost != null) {
      SshTunnel.Builder t = SshTunnel.builder().host(sshHost).port(config.getInt(PgdestSinkConfig.SSH_PORT))
          .username(config.getString(PgdestSinkConfig.SSH_USER));
      secret(PgdestSinkConfig.SSH_PRIVATE_KEY).ifPresent(t::privateKeyPem);
      secret(PgdestSinkConfig.SSH_PASSPHRASE).ifPresent(t::passphrase);
      java.util.Optional.ofNullable(config.getString(PgdestSinkConfig.SSH_KNOWN_HOSTS)).ifPresent(t::knownHosts);
      java.util.Optional.ofNullable(config.getString(PgdestSinkConfig.SSH_FINGERPRINT)).ifPresent(t::hostKeyFingerprint);
      b.tunnel(t.build());
    }
    return b.build();
  }

  String tableName(String topic) {
    return config.getString(PgdestSinkConfig.TABLE_NAME_FORMAT).replace("${topic}", topic);
  }

  KeyMode keyMode() {
    return keyMode;
  }

  List<String> keyFields() {
    return keyFields;
  }

  InsertMode insertMode() {
    return insertMode;
  }

  boolean deletesEnabled() {
    return config.getBoolean(PgdestSinkConfig.DELETE_ENABLED);
  }

  /** The soft-delete column, or null for hard deletes. */
  String softDeleteColumn() {
    return "soft".equals(lower(PgdestSinkConfig.DELETE_MODE)) ? config.getString(PgdestSinkConfig.DELETE_SOFT_COLUMN) : null;
  }

  /** The version column's name, or null. */
  String versionColumn() {
    return versionSource != null ? versionSource.column() : config.getString(PgdestSinkConfig.VERSION_COLUMN);
  }

  /** The version column's Debezium source, or null when it is a value field (or there is none). */
  VersionSource versionSource() {
    return versionSource;
  }

  boolean schemaEvolution() {
    return config.getBoolean(PgdestSinkConfig.SCHEMA_EVOLUTION);
  }

  long commitSizeBytes() {
    return config.getLong(PgdestSinkConfig.COMMIT_SIZE);
  }

  private static VersionSource versionSource(String v) {
    if (v == null) {
      return null;
    }
    switch (v) {
      case "source.lsn": return new VersionSource(v, "lsn", "_source_lsn");
      case "source.ts_ms": return new VersionSource(v, "ts_ms", "_source_ts_ms");
      case "ts_ms": return new VersionSource(v, null, "_ts_ms");
      default: return null;
    }
  }

  private SslMode sslMode() {
    String mode = lower(PgdestSinkConfig.SSL_MODE);
    for (SslMode m : SslMode.values()) {
      if (m.name().replace('_', '-').equalsIgnoreCase(mode)) {
        return m;
      }
    }
    throw new ConfigException(PgdestSinkConfig.SSL_MODE, mode, "unknown TLS mode");
  }

  private String lower(String key) {
    return config.getString(key).toLowerCase(Locale.ROOT);
  }

  private java.util.Optional<String> secret(String key) {
    Password p = config.getPassword(key);
    return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.value());
  }

  private java.util.Optional<Path> path(String key) {
    String v = config.getString(key);
    return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(v));
  }
}
