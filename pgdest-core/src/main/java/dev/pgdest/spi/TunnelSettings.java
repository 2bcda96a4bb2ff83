package dev.pgdest.spi;

/**
 * The keys of the settings map handed to a {@link TunnelProvider}. Values are {@code String},
 * {@code Integer}, {@code Long}, {@code Boolean}, {@code java.nio.file.Path} or, for secrets,
 * {@code char[]}, as documented per key.
 */
public final class TunnelSettings {
  /** {@code String}: the kind of tunnel; pgdest sends {@code "ssh"}. */
  public static final String KIND = "kind";
  /** {@code String}: the bastion's host. */
  public static final String HOST = "host";
  /** {@code Integer}: the bastion's SSH port. */
  public static final String PORT = "port";
  /** {@code String}: the SSH user. */
  public static final String USERNAME = "username";
  /** {@code char[]}: the private key text (OpenSSH, PEM or PKCS#8), if given as text. */
  public static final String PRIVATE_KEY = "privateKey";
  /** {@code java.nio.file.Path}: the private key file, if given as a file. */
  public static final String PRIVATE_KEY_FILE = "privateKeyFile";
  /** {@code char[]}: the key's passphrase, if any. */
  public static final String PASSPHRASE = "passphrase";
  /** {@code String}: known_hosts text, if given. */
  public static final String KNOWN_HOSTS = "knownHosts";
  /** {@code String}: the host key's SHA-256 fingerprint ({@code SHA256:...}), if given. */
  public static final String HOST_KEY_FINGERPRINT = "hostKeyFingerprint";
  /** {@code Boolean}: accept any host key (insecure; the provider must log a warning). */
  public static final String INSECURE_ACCEPT_ANY_HOST_KEY = "insecureAcceptAnyHostKey";
  /** {@code Long}: keepalive interval in milliseconds. */
  public static final String KEEP_ALIVE_MILLIS = "keepAliveMillis";
  /** {@code Long}: connect and authentication timeout in milliseconds. */
  public static final String CONNECT_TIMEOUT_MILLIS = "connectTimeoutMillis";

  private TunnelSettings() {}
}
