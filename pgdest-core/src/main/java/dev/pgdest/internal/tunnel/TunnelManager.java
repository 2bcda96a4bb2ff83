package dev.pgdest.internal.tunnel;

import dev.pgdest.ConfigurationException;
import dev.pgdest.SshTunnel;
import dev.pgdest.TunnelException;
import dev.pgdest.spi.TunnelFailure;
import dev.pgdest.spi.TunnelProvider;
import dev.pgdest.spi.TunnelSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the tunnel of one destination: finds a provider, opens the tunnel on first use, reconnects
 * it when it dropped, and closes it. pgjdbc reaches it through {@link TunnelSocketFactory} by an
 * id, because the driver creates socket factories by class name. Thread-safe.
 */
public final class TunnelManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TunnelManager.class);
  private static final Map<String, TunnelManager> REGISTRY = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final TunnelProvider provider;
  private final Map<String, Object> settings;
  private final String description;
  private final String targetHost;
  private final int targetPort;
  private TunnelProvider.Tunnel tunnel;
  private boolean closed;

  private TunnelManager(TunnelProvider provider, Map<String, Object> settings, SshTunnel config,
      String targetHost, int targetPort) {
    this.provider = provider;
    this.settings = settings;
    this.description = config.username() + "@" + config.host() + ":" + config.port();
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /**
   * Finds a provider for this tunnel and registers a manager for it; nothing connects yet.
   *
   * @throws ConfigurationException when no provider on the class path supports the tunnel
   */
  public static TunnelManager create(SshTunnel config, String targetHost, int targetPort) {
    Map<String, Object> settings = settings(config);
    TunnelProvider provider = findProvider(settings, Thread.currentThread().getContextClassLoader());
    TunnelManager manager = new TunnelManager(provider, settings, config, targetHost, targetPort);
    if (config.insecureAcceptAnyHostKey()) {
      LOG.warn("SSH tunnel {} ACCEPTS ANY HOST KEY (insecureAcceptAnyHostKey): a machine in the middle could"
          + " read and change everything sent to the database. Configure knownHosts or hostKeyFingerprint.",
          manager.description);
    }
    REGISTRY.put(manager.id, manager);
    return manager;
  }

  static TunnelManager lookup(String id) throws IOException {
    TunnelManager manager = REGISTRY.get(id);
    if (manager == null) {
      throw new IOException("the destination that owned this tunnel is closed");
    }
    return manager;
  }

  /** The id pgjdbc hands to {@link TunnelSocketFactory}. */
  public String id() {
    return id;
  }

  /** {@code user@bastion:port}, for logs and messages. */
  public String description() {
    return description;
  }

  /** The provider's name, for logs and messages. */
  public String providerName() {
    return provider.name();
  }

  /**
   * The loopback port that forwards to the database; opens or reconnects the tunnel first.
   *
   * @throws TunnelFailure when the bastion cannot be used, with the reason
   */
  public synchronized int localPort() throws IOException {
    return connected().localPort();
  }

  /** Opens or reconnects the tunnel, translating failures for callers outside the driver. */
  public void ensureConnected() {
    try {
      localPort();
    } catch (TunnelFailure e) {
      throw new TunnelException(e.getMessage(), e, e.reason() == TunnelFailure.Reason.BASTION_UNREACHABLE
          || e.reason() == TunnelFailure.Reason.OTHER);
    } catch (IOException e) {
      throw new TunnelException("SSH tunnel " + description + " failed: " + e.getMessage(), e, true);
    }
  }

  /** Asks the bastion to open one channel to the database, to tell forwarding problems apart. */
  public synchronized void probeTarget() throws IOException {
    connected().probeTarget();
  }

  private TunnelProvider.Tunnel connected() throws IOException {
    if (closed) {
      throw new IOException("tunnel " + description + " is closed");
    }
    if (tunnel == null) {
      LOG.debug("Opening SSH tunnel {} to {}:{} with provider {}", description, targetHost, targetPort,
          provider.name());
      tunnel = provider.open(settings, targetHost, targetPort);
      LOG.info("SSH tunnel {} open, forwarding 127.0.0.1:{} to {}:{}", description, tunnel.localPort(),
          targetHost, targetPort);
    } else if (!tunnel.isConnected()) {
      LOG.info("SSH tunnel {} dropped; reconnecting", description);
      tunnel.ensureConnected();
    }
    return tunnel;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    REGISTRY.remove(id);
    if (tunnel != null) {
      tunnel.close();
      tunnel = null;
    }
  }

  static TunnelProvider findProvider(Map<String, ?> settings, ClassLoader loader) {
    List<String> tried = new ArrayList<>();
    var iterator = ServiceLoader.load(TunnelProvider.class, loader).iterator();
    while (true) {
      TunnelProvider candidate;
      try {
        if (!iterator.hasNext()) {
          break;
        }
        candidate = iterator.next();
      } catch (ServiceConfigurationError e) {
        // A broken provider must not hide a working one behind it.
        LOG.warn("Skipping a tunnel provider that failed to load: {}", e.getMessage());
        tried.add("<failed to load: " + e.getMessage() + ">");
        continue;
      }
      tried.add(candidate.name());
      if (candidate.supports(settings)) {
        return candidate;
      }
    }
    throw new ConfigurationException("tunnel is configured but no TunnelProvider on the class path supports it;"
        + " add the dependency dev.pgdest:pgdest-ssh" + (tried.isEmpty() ? "" : " (found: " + tried + ")"));
  }

  private static Map<String, Object> settings(SshTunnel t) {
    Map<String, Object> s = new HashMap<>();
    s.put(TunnelSettings.KIND, "ssh");
    s.put(TunnelSettings.HOST, t.host());
    s.put(TunnelSettings.PORT, t.port());
    s.put(TunnelSettings.USERNAME, t.username());
    t.privateKeyPem().ifPresent(k -> s.put(TunnelSettings.PRIVATE_KEY, k.toCharArray()));
    t.privateKeyFile().ifPresent(f -> s.put(TunnelSettings.PRIVATE_KEY_FILE, f));
    t.passphrase().ifPresent(p -> s.put(TunnelSettings.PASSPHRASE, p.toCharArray()));
    t.knownHosts().ifPresent(k -> s.put(TunnelSettings.KNOWN_HOSTS, k));
    t.hostKeyFingerprint().ifPresent(f -> s.put(TunnelSettings.HOST_KEY_FINGERPRINT, f));
    s.put(TunnelSettings.INSECURE_ACCEPT_ANY_HOST_KEY, t.insecureAcceptAnyHostKey());
    s.put(TunnelSettings.KEEP_ALIVE_MILLIS, t.keepAliveInterval().toMillis());
    s.put(TunnelSettings.CONNECT_TIMEOUT_MILLIS, t.connectTimeout().toMillis());
    return Map.copyOf(s);
  }
}
