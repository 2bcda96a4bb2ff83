package dev.pgdest.ssh.internal;

import dev.pgdest.spi.TunnelFailure;
import dev.pgdest.spi.TunnelFailure.Reason;
import dev.pgdest.spi.TunnelProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback listener whose connections travel over {@code direct-tcpip} channels of one SSH
 * session, so the database host is resolved by the bastion. The listener outlives sessions: a
 * dropped session is replaced on the next {@link #ensureConnected()} or accepted connection, and
 * the local port stays the same. Thread-safe.
 */
final class SshjTunnel implements TunnelProvider.Tunnel {
  private static final Logger LOG = LoggerFactory.getLogger(SshjTunnel.class);
  /** Thread names start with this, so that a leak is easy to attribute. */
  static final String THREAD_PREFIX = "pgdest-ssh-";

  private final BastionConnector connector;
  private final String targetHost;
  private final int targetPort;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final Set<ForwardedConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong connectionCount = new AtomicLong();
  private volatile SSHClient client;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;

  private SshjTunnel(BastionConnector connector, SSHClient client, String targetHost, int targetPort,
      ServerSocket listener) {
    this.connector = connector;
    this.client = client;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = listener;
    this.acceptor = new Thread(this::acceptLoop, THREAD_PREFIX + "accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
  }

  /** Connects to the bastion, then starts listening; nothing is left running if either fails. */
  static SshjTunnel open(BastionConnector connector, String targetHost, int targetPort) throws IOException {
    SSHClient client = connector.connect();
    ServerSocket listener;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException | RuntimeException e) {
      BastionConnector.disconnect(client);
      throw e;
    }
    SshjTunnel tunnel = new SshjTunnel(connector, client, targetHost, targetPort, listener);
    tunnel.acceptor.start();
    return tunnel;
  }

  @Override
  public int localPort() {
    return listener.getLocalPort();
  }

  @Override
  public boolean isConnected() {
    SSHClient c = client;
    return !closed && c != null && c.isConnected() && c.isAuthenticated();
  }

  @Override
  public void ensureConnected() throws IOException {
    reconnectUnless(client, false);
  }

  /**
   * Replaces the session unless it is up, or, with {@code force}, unless another thread already
   * replaced {@code seen}: sshj notices a killed session only when its reader hits the end of the
   * stream, so a channel can fail on a session that still looks connected.
   */
  private synchronized void reconnectUnless(SSHClient seen, boolean force) throws IOException {
    if (closed) {
      throw new IOException("SSH tunnel " + connector.description() + " is closed");
    }
    if (force ? client != seen : isConnected()) {
      return;
    }
    SSHClient old = client;
    client = null;
    if (old != null) {
      BastionConnector.disconnect(old);
    }
    SSHClient fresh = connector.connect();
    if (closed) {
      // close() ran while we were connecting; it could not see this session.
      BastionConnector.disconnect(fresh);
      throw new IOException("SSH tunnel " + connector.description() + " is closed");
    }
    client = fresh;
    LOG.info("SSH tunnel {} reconnected; still forwarding 127.0.0.1:{} to {}:{}", connector.description(),
        localPort(), targetHost, targetPort);
  }

  @Override
  public void probeTarget() throws IOException {
    ensureConnected();
    openChannel().close();
  }

  private DirectConnection openChannel() throws IOException {
    SSHClient c = client;
    try {
      return openChannel(c);
    } catch (TunnelFailure e) {
      throw e;
    } catch (IOException e) {
      LOG.info("SSH tunnel {} session failed ({}); reconnecting", connector.description(), e.toString());
      reconnectUnless(c, true);
      return openChannel(client);
    }
  }

  private DirectConnection openChannel(SSHClient c) throws IOException {
    if (c == null) {
      throw new IOException("SSH tunnel " + connector.description() + " is not connected");
    }
    try {
      return c.newDirectConnection(targetHost, targetPort);
    } catch (OpenFailException e) {
      String target = targetHost + ":" + targetPort;
      if (e.getReason() == OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED) {
        throw new TunnelFailure(Reason.FORWARDING_REFUSED, "SSH bastion " + connector.description()
            + " refused to forward to " + target + ": allow TCP forwarding for this user in the bastion's sshd_config"
            + " (AllowTcpForwarding yes, and PermitOpen " + target + " if PermitOpen is set)", e);
      }
      if (e.getReason() == OpenFailException.Reason.CONNECT_FAILED) {
        throw new TunnelFailure(Reason.TARGET_UNREACHABLE, "SSH bastion " + connector.description()
            + " could not connect to the database at " + target + ": check the host name as the bastion resolves it,"
            + " and allow the bastion's IP on the database port (firewall or security group)", e);
      }
      throw new TunnelFailure(Reason.OTHER, "SSH bastion " + connector.description() + " did not open a channel to "
          + target + ": " + e.getMessage(), e);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (SocketException e) {
        if (!closed) {
          LOG.warn("SSH tunnel {} stopped listening: {}", connector.description(), e.toString());
        }
        return;
      } catch (IOException e) {
        LOG.warn("SSH tunnel {} could not accept a connection: {}", connector.description(), e.toString());
        continue;
      }
      forward(socket);
    }
  }

  private void forward(Socket socket) {
    try {
      ensureConnected();
      DirectConnection channel = openChannel();
      String name = THREAD_PREFIX + localPort() + "-conn-" + connectionCount.incrementAndGet();
      ForwardedConnection[] holder = new ForwardedConnection[1];
      holder[0] = new ForwardedConnection(socket, channel, name, () -> connections.remove(holder[0]));
      connections.add(holder[0]);
      if (closed) {
        holder[0].close();
        return;
      }
      holder[0].start();
    } catch (IOException | RuntimeException e) {
      // The driver only sees a closed connection; the reason goes to the log (and to the check).
      LOG.warn("SSH tunnel {} could not forward a connection to {}:{}: {}", connector.description(), targetHost,
          targetPort, e.getMessage());
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      LOG.debug("closing the tunnel listener", e);
    }
    join(acceptor);
    for (ForwardedConnection c : connections) {
      c.close();
    }
    // Waits for a reconnect in progress, which then sees closed and releases its own session.
    synchronized (this) {
      SSHClient c = client;
      client = null;
      if (c != null) {
        BastionConnector.disconnect(c);
      }
    }
    LOG.debug("SSH tunnel {} closed", connector.description());
  }

  private static void join(Thread t) {
    if (t == Thread.currentThread()) {
      return;
    }
    try {
      t.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
