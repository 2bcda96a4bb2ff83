package dev.pgdest.connect;

import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration keys of {@link PgdestSinkConnector}, documented and validated by
 * {@link #CONFIG_DEF}. Besides these the task honours Connect's own {@code errors.tolerance}:
 * {@code all} sends refused records to the errant-record reporter (the DLQ named by
 * {@code errors.deadletterqueue.topic.name}) and lands the rest; {@code none}, the default, fails
 * the task with a message naming topic, partition, offset and column.
 *
 * <pre>{@code
 * connector.class=dev.pgdest.connect.PgdestSinkConnector
 * topics=orders
 * connection.host=db.example.com
 * connection.database=analytics
 * connection.schema=acme_sync
 * connection.user=pgdest_writer
 * connection.password=...
 * key.mode=record_key
 * }</pre>
 *
 * <p>Immutable constants; thread-safe.
 */
public final class PgdestSinkConfig {
  private PgdestSinkConfig() {}

  /** Host name or address of the PostgreSQL server (resolved on the bastion when tunnelled). */
  public static final String HOST = "connection.host";
  /** Port of the PostgreSQL server. */
  public static final String PORT = "connection.port";
  /** The database to write into. */
  public static final String DATABASE = "connection.database";
  /** The schema tables are created in, and the checkpoint table. */
  public static final String SCHEMA = "connection.schema";
  /** The writer user. */
  public static final String USER = "connection.user";
  /** The writer's password. */
  public static final String PASSWORD = "connection.password";
  /** TLS mode: disable, allow, prefer, require, verify-ca, verify-full. */
  public static final String SSL_MODE = "connection.sslmode";
  /** PEM file of the CA certificate(s) the server's certificate must chain to. */
  public static final String SSL_ROOT_CERT = "connection.sslrootcert";
  /** PEM file of a client certificate. */
  public static final String SSL_CERT = "connection.sslcert";
  /** The client certificate's key file. */
  public static final String SSL_KEY = "connection.sslkey";
  /** The client key's password. */
  public static final String SSL_KEY_PASSWORD = "connection.sslkey.password";
  /** The SSH bastion's host; no tunnel when empty. */
  public static final String SSH_HOST = "ssh.host";
  /** The SSH bastion's port. */
  public static final String SSH_PORT = "ssh.port";
  /** The SSH user. */
  public static final String SSH_USER = "ssh.user";
  /** The SSH private key, as PEM or OpenSSH text. */
  public static final String SSH_PRIVATE_KEY = "ssh.private.key";
  /** The private key's passphrase. */
  public static final String SSH_PASSPHRASE = "ssh.private.key.passphrase";
  /** The bastion's host key, as known_hosts lines. */
  public static final String SSH_KNOWN_HOSTS = "ssh.known.hosts";
  /** The bastion's host key fingerprint, {@code SHA256:...}. */
  public static final String SSH_FINGERPRINT = "ssh.host.key.fingerprint";
  /** The table name, with {@code ${topic}} replaced by the record's topic. */
  public static final String TABLE_NAME_FORMAT = "table.name.format";
  /** Where the primary key comes from: record_key, record_value or none. */
  public static final String KEY_MODE = "key.mode";
  /** The key's field names. */
  public static final String KEY_FIELDS = "key.fields";
  /** upsert (last state per key) or append (every record once). */
  public static final String INSERT_MODE = "insert.mode";
  /** Whether tombstones and Debezium deletes delete. */
  public static final String DELETE_ENABLED = "delete.enabled";
  /** hard (DELETE) or soft (set a timestamp column). */
  public static final String DELETE_MODE = "delete.mode";
  /** The soft-delete column. */
  public static final String DELETE_SOFT_COLUMN = "delete.soft.column";
  /** The version column: a field name, or source.lsn, source.ts_ms or ts_ms of a Debezium event. */
  public static final String VERSION_COLUMN = "version.column";
  /** Whether tables are evolved as records' schemas change. */
  public static final String SCHEMA_EVOLUTION = "schema.evolution";
  /** Staged bytes after which put() commits before the next offset commit. */
  public static final String COMMIT_SIZE = "commit.size.bytes";

  private static final String DESTINATION = "Destination";
  private static final String TUNNEL = "SSH tunnel";
  private static final String MAPPING = "Mapping";
  private static final String WRITES = "Writes";

  /** The keys, their types, defaults, validators and documentation. */
  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(HOST, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Host name or IP address of the PostgreSQL server. Behind an SSH tunnel it is resolved on the bastion.",
          DESTINATION, 1, Width.LONG, "Host")
      .define(PORT, Type.INT, 5432, ConfigDef.Range.between(1, 65535), Importance.MEDIUM,
          "TCP port of the PostgreSQL server.", DESTINATION, 2, Width.SHORT, "Port")
      .define(DATABASE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "The database to write into. It must exist: the sink never creates databases.",
          DESTINATION, 3, Width.MEDIUM, "Database")
      .define(SCHEMA, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "The schema the tables and the checkpoint table _pgdest_checkpoints live in; created on first use.",
          DESTINATION, 4, Width.MEDIUM, "Schema")
      .define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "The writer user. It needs CREATE and TEMPORARY on the database (or ALL on a pre-created schema).",
          DESTINATION, 5, Width.MEDIUM, "User")
      .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
          "The writer's password; any characters. Never logged.", DESTINATION, 6, Width.MEDIUM, "Password")
      .define(SSL_MODE, Type.STRING, "verify-full", enumValidator("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
          Importance.MEDIUM, "TLS mode, as libpq names them. verify-full (the default) checks the certificate and host name.",
          DESTINATION, 7, Width.SHORT, "SSL mode")
      .define(SSL_ROOT_CERT, Type.STRING, null, Importance.LOW,
          "Path of a PEM file with the CA certificate(s) the server certificate must chain to; the JVM's trust store when empty.",
          DESTINATION, 8, Width.LONG, "CA certificate file")
      .define(SSL_CERT, Type.STRING, null, Importance.LOW,
          "Path of a PEM client certificate, for servers that authenticate clients by certificate.",
          DESTINATION, 9, Width.LONG, "Client certificate file")
      .define(SSL_KEY, Type.STRING, null, Importance.LOW,
          "Path of the client certificate's key (PKCS#8 .pk8, PEM or PKCS#12 .p12).", DESTINATION, 10, Width.LONG, "Client key file")
      .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
          "Password of the client key, if it is encrypted.", DESTINATION, 11, Width.MEDIUM, "Client key password")
      .define(SSH_HOST, Type.STRING, null, Importance.MEDIUM,
          "SSH bastion host to tunnel through; no tunnel when empty. Needs ssh.user, ssh.private.key and one of "
              + "ssh.known.hosts or ssh.host.key.fingerprint.", TUNNEL, 1, Width.LONG, "Bastion host")
      .define(SSH_PORT, Type.INT, 22, ConfigDef.Range.between(1, 65535), Importance.LOW,
          "SSH port of the bastion.", TUNNEL, 2, Width.SHORT, "Bastion port")
      .define(SSH_USER, Type.STRING, null, Importance.MEDIUM, "SSH user on the bastion.", TUNNEL, 3, Width.MEDIUM, "SSH user")
      .define(SSH_PRIVATE_KEY, Type.PASSWORD, null, Importance.MEDIUM,
          "The private key (OpenSSH, PEM or PKCS#8 text; ed25519, ecdsa or rsa). Public-key auth only.",
          TUNNEL, 4, Width.LONG, "SSH private key")
      .define(SSH_PASSPHRASE, Type.PASSWORD, null, Importance.LOW, "Passphrase of the private key, if any.",
          TUNNEL, 5, Width.MEDIUM, "Key passphrase")
      .define(SSH_KNOWN_HOSTS, Type.STRING, null, Importance.MEDIUM,
          "The bastion's host key as known_hosts lines. The host key is always verified.", TUNNEL, 6, Width.LONG, "Known hosts")
      .define(SSH_FINGERPRINT, Type.STRING, null, Importance.MEDIUM,
          "The bastion's host key fingerprint (SHA256:...), instead of ssh.known.hosts.", TUNNEL, 7, Width.LONG, "Host key fingerprint")
      .define(TABLE_NAME_FORMAT, Type.STRING, "${topic}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "The table each record goes to; ${topic} is replaced by the record's topic.", MAPPING, 1, Width.LONG, "Table name format")
      .define(KEY_MODE, Type.STRING, "record_key", enumValidator("record_key", "record_value", "none"), Importance.HIGH,
          "Where the primary key comes from: record_key (the record key: a struct's or map's fields, or one primitive "
              + "column named by key.fields, default \"" + SinkSettings.DEFAULT_KEY_COLUMN + "\"), record_value (the value "
              + "fields named by key.fields), or none (no key: insert.mode must be append).",
          MAPPING, 2, Width.SHORT, "Key mode")
      .define(KEY_FIELDS, Type.LIST, "", Importance.MEDIUM,
          "The key's field names, in key order. With record_key, empty means all of the key's fields.",
          MAPPING, 3, Width.LONG, "Key fields")
      .define(INSERT_MODE, Type.STRING, "upsert", enumValidator("upsert", "append"), Importance.HIGH,
          "upsert: the table holds the last state per key (deletes apply). append: every record is inserted exactly "
              + "once; deletes and tombstones are ignored.", WRITES, 1, Width.SHORT, "Insert mode")
      .define(DELETE_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
          "Whether tombstones (null values) and Debezium delete events (op=d) delete their key; ignored when false.",
          WRITES, 2, Width.SHORT, "Deletes")
      .define(DELETE_MODE, Type.STRING, "hard", enumValidator("hard", "soft"), Importance.MEDIUM,
          "hard deletes the row; soft sets delete.soft.column to the commit time, and a later upsert clears it.",
          WRITES, 3, Width.SHORT, "Delete mode")
      .define(DELETE_SOFT_COLUMN, Type.STRING, "_deleted_at", new ConfigDef.NonEmptyString(), Importance.LOW,
          "The timestamptz column a soft delete sets.", WRITES, 4, Width.MEDIUM, "Soft-delete column")
      .define(VERSION_COLUMN, Type.STRING, null, Importance.MEDIUM,
          "A column whose value orders changes per key: a change applies only when its version is at least the stored "
              + "row's, so replays and out-of-order records never overwrite newer data. A value field's name, or, for "
              + "Debezium events, source.lsn, source.ts_ms or ts_ms (stored in the column _source_lsn, _source_ts_ms or _ts_ms).",
          WRITES, 5, Width.MEDIUM, "Version column")
      .define(SCHEMA_EVOLUTION, Type.BOOLEAN, true, Importance.MEDIUM,
          "true: tables are created, missing columns added and types safely widened as records change. false: each "
              + "table keeps the shape of the first record the task saw, and a record with another field or type is refused.",
          WRITES, 6, Width.SHORT, "Schema evolution")
      // Small units: a task's commit then overlaps the others' staging, and each unit's dedupe and
      // buffers stay small. With 64 MiB, which a task reaches only at the worker's flush, the
      // Connect benchmark spent 40% more of the worker's CPU and 20% more time.
      .define(COMMIT_SIZE, Type.LONG, 1024L * 1024, ConfigDef.Range.atLeast(1024), Importance.LOW,
          "Encoded bytes staged after which put() commits (data and offsets in one transaction) without waiting for "
              + "the worker's next offset commit (offset.flush.interval.ms).", WRITES, 7, Width.SHORT, "Commit size");

  private static ConfigDef.Validator enumValidator(String... values) {
    ConfigDef.ValidString valid = ConfigDef.ValidString.in(values);
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null) {
          throw new ConfigException(name, null, "must be one of " + valid);
        }
        valid.ensureValid(name, ((String) value).toLowerCase(Locale.ROOT));
      }

      @Override
      public String toString() {
        return valid.toString();
      }
    };
  }
}
