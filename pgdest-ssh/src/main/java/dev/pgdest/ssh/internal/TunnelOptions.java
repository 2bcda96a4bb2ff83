package dev.pgdest.ssh.internal;

import dev.pgdest.spi.TunnelSettings;
import java.nio.file.Path;
import java.util.Map;

/** The settings map of {@link dev.pgdest.spi.TunnelProvider#open}, typed. Secrets stay out of it. */
final class TunnelOptions {
  private final Map<String, ?> settings;

  TunnelOptions(Map<String, ?> settings) {
    this.settings = settings;
  }

  String host() {
    return require(TunnelSettings.HOST, String.class);
  }

  int port() {
    Integer port = get(TunnelSettings.PORT, Integer.class);
    return port == null ? 22 : port;
  }

  String username() {
    return require(TunnelSettings.USERNAME, String.class);
  }

  char[] privateKey() {
    return get(TunnelSettings.PRIVATE_KEY, char[].class);
  }

  Path privateKeyFile() {
    return get(TunnelSettings.PRIVATE_KEY_FILE, Path.class);
  }

  char[] passphrase() {
    return get(TunnelSettings.PASSPHRASE, char[].class);
  }

  String knownHosts() {
    return get(TunnelSettings.KNOWN_HOSTS, String.class);
  }

  String fingerprint() {
    return get(TunnelSettings.HOST_KEY_FINGERPRINT, String.class);
  }

  boolean acceptAnyHostKey() {
    return Boolean.TRUE.equals(get(TunnelSettings.INSECURE_ACCEPT_ANY_HOST_KEY, Boolean.class));
  }

  /** sshj counts keepalive intervals in whole seconds. */
  int keepAliveSeconds() {
    Long millis = get(TunnelSettings.KEEP_ALIVE_MILLIS, Long.class);
    return millis == null ? 15 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
  }

  int connectTimeoutMillis() {
    Long millis = get(TunnelSettings.CONNECT_TIMEOUT_MILLIS, Long.class);
    return millis == null ? 10_000 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }

  String description() {
    return username() + "@" + host() + ":" + port();
  }

  private <T> T require(String key, Class<T> type) {
    T value = get(key, type);
    if (value == null) {
      throw new IllegalArgumentException("tunnel setting \"" + key + "\" is missing");
    }
    return value;
  }

  private <T> T get(String key, Class<T> type) {
    Object value = settings.get(key);
    if (value == null) {
      return null;
    }
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException("tunnel setting \"" + key + "\" must be a " + type.getSimpleName()
          + ", was a " + value.getClass().getSimpleName());
    }
    return type.cast(value);
  }
}
