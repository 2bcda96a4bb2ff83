package dev.pgdest.cli.internal.command;

import dev.pgdest.ConfigurationException;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SshTunnel;
import dev.pgdest.SslMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The destination's connection options, shared by {@code check} and {@code load}. Each also reads
 * the environment variable {@code PGDEST_<NAME>} and the {@code --config} properties file (see
 * {@link Defaults}); secrets come from {@link Secrets}.
 */
public final class ConnectionOptions {
  /** The option names (without {@code --}) that environment variables and the config file may set. */
  static final Set<String> KEYS = Set.of("host", "port", "database", "schema", "user", "sslmode", "sslrootcert",
      "sslcert", "sslkey", "ssh-host", "ssh-port", "ssh-user", "ssh-key-file", "ssh-known-hosts", "ssh-fingerprint",
      "connect-timeout");

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file with any of these options as keys (host=..., ssh-key-file=..., password=...).")
  Path config;

  @Option(names = "--host", description = "Database host name or address (env PGDEST_HOST).")
  String host;

  @Option(names = "--port", description = "Database port (env PGDEST_PORT; default 5432).")
  Integer port;

  @Option(names = "--database", description = "Database name (env PGDEST_DATABASE).")
  String database;

  @Option(names = "--schema", description = "Schema to write into (env PGDEST_SCHEMA).")
  String schema;

  @Option(names = "--user", description = "Writer user name (env PGDEST_USER).")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from this file.")
  Path passwordFile;

  @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "PGDEST_PASSWORD",
      description = "Read the password from this environment variable (default ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(names = "--password", paramLabel = "PASSWORD",
      description = "The password itself. Avoid: it lands in shell history and process listings.")
  String password;

  @Option(names = "--sslmode", description = "disable, allow, prefer, require, verify-ca or verify-full "
      + "(env PGDEST_SSLMODE; default verify-full).")
  String sslMode;

  @Option(names = "--sslrootcert", paramLabel = "FILE", description = "CA certificate(s) the server's must chain to.")
  Path sslRootCert;

  @Option(names = "--sslcert", paramLabel = "FILE", description = "Client certificate.")
  Path sslCert;

  @Option(names = "--sslkey", paramLabel = "FILE", description = "Client certificate's key.")
  Path sslKey;

  @Option(names = "--sslkey-password-file", paramLabel = "FILE",
      description = "File holding the client key's password (or env PGDEST_SSLKEY_PASSWORD).")
  Path sslKeyPasswordFile;

  @Option(names = "--ssh-host", description = "SSH bastion to tunnel through.")
  String sshHost;

  @Option(names = "--ssh-port", description = "SSH bastion port (default 22).")
  Integer sshPort;

  @Option(names = "--ssh-user", description = "SSH user on the bastion.")
  String sshUser;

  @Option(names = "--ssh-key-file", paramLabel = "FILE", description = "Private key for the bastion.")
  Path sshKeyFile;

  @Option(names = "--ssh-passphrase-file", paramLabel = "FILE",
      description = "File holding the key's passphrase (or env PGDEST_SSH_PASSPHRASE).")
  Path sshPassphraseFile;

  @Option(names = "--ssh-known-hosts", paramLabel = "FILE", description = "known_hosts file with the bastion's key.")
  Path sshKnownHosts;

  @Option(names = "--ssh-fingerprint", paramLabel = "SHA256:...", description = "The bastion's host key fingerprint.")
  String sshFingerprint;

  @Option(names = "--ssh-insecure-accept-any-host-key",
      description = "Do not verify the bastion's host key. Insecure: anyone on the path can pose as the bastion.")
  boolean sshAcceptAny;

  @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Connect timeout (default 10).")
  Integer connectTimeout;

  /**
   * The configuration these options describe.
   *
   * @throws ConfigurationException naming a missing or invalid option
   */
  DestinationConfig build(Io io, Defaults defaults) {
    Secrets secrets = new Secrets(io, defaults);
    DestinationConfig.Builder b = DestinationConfig.builder()
        .host(required(host, "host")).database(required(database, "database")).schema(required(schema, "schema"))
        .username(required(user, "user"));
    if (port != null) {
      b.port(port);
    }
    if (connectTimeout != null) {
      b.connectTimeout(Duration.ofSeconds(connectTimeout));
    }
    secrets.password(passwordFile, password, passwordEnv, user).ifPresent(b::password);
    if (sslMode != null) {
      b.sslMode(sslMode(sslMode));
    }
    if (sslRootCert != null) {
      b.sslRootCert(sslRootCert);
    }
    if (sslCert != null) {
      b.sslClientCert(sslCert);
    }
    if (sslKey != null) {
      b.sslClientKey(sslKey);
    }
    secrets.fromFileOrEnv(sslKeyPasswordFile, "PGDEST_SSLKEY_PASSWORD").ifPresent(b::sslClientKeyPassword);
    if (sshHost != null) {
      b.tunnel(tunnel(secrets));
    }
    return b.build();
  }

  private SshTunnel tunnel(Secrets secrets) {
    SshTunnel.Builder t = SshTunnel.builder().host(sshHost).username(required(sshUser, "ssh-user"));
    if (sshPort != null) {
      t.port(sshPort);
    }
    if (sshKeyFile == null) {
      throw new ConfigurationException("--ssh-host needs --ssh-key-file: the tunnel uses public-key authentication");
    }
    t.privateKeyFile(sshKeyFile);
    secrets.fromFileOrEnv(sshPassphraseFile, "PGDEST_SSH_PASSPHRASE").ifPresent(t::passphrase);
    if (sshKnownHosts != null) {
      t.knownHosts(Secrets.read(sshKnownHosts, "--ssh-known-hosts"));
    }
    if (sshFingerprint != null) {
      t.hostKeyFingerprint(sshFingerprint);
    }
    if (sshAcceptAny) {
      t.insecureAcceptAnyHostKey(true);
    }
    if (sshKnownHosts == null && sshFingerprint == null && !sshAcceptAny) {
      throw new ConfigurationException("--ssh-host needs the bastion's host key: --ssh-known-hosts FILE or "
          + "--ssh-fingerprint SHA256:... (ask the bastion's administrator for ssh-keygen -lf output)");
    }
    return t.build();
  }

  private static SslMode sslMode(String value) {
    for (SslMode m : SslMode.values()) {
      if (m.pgValue().equals(value.toLowerCase(Locale.ROOT)) || m.name().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw new ConfigurationException("--sslmode must be one of disable, allow, prefer, require, verify-ca, "
        + "verify-full: \"" + value + "\"");
  }

  private static String required(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException("missing --" + option + " (or the environment variable PGDEST_"
          + option.toUpperCase(Locale.ROOT).replace('-', '_') + ", or " + option + "= in the --config file)");
    }
    return value;
  }
}
