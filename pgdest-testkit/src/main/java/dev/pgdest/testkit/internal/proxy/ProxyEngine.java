package dev.pgdest.testkit.internal.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault proxy's machinery: an accept loop and, per connection, a {@link Link} with one pump
 * thread per direction. Fault settings are volatile fields read by the pumps for every chunk, so a
 * switch applies at once; the one-shot byte budget of a cut is shared by all connections.
 *
 * <p>Thread-safe.
 *
 * <p>{@code ProxyEngine e = ProxyEngine.start("127.0.0.1", 5432); e.armCut(1024);}
 */
public final class ProxyEngine implements AutoCloseable {

  /** The address the proxy listens on. */
  public static final String HOST = "127.0.0.1";

  private static final Logger LOG = LoggerFactory.getLogger(ProxyEngine.class);
  private static final AtomicLong IDS = new AtomicLong();

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final long id = IDS.incrementAndGet();

  private final Object budgetLock = new Object();
  private long cutBudget = -1;
  private volatile boolean blackHole;
  private volatile long latencyNanos;
  private volatile boolean refuseNew;

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong cut = new AtomicLong();
  private final AtomicLong bytesUp = new AtomicLong();
  private final AtomicLong bytesDown = new AtomicLong();
  private final AtomicLong bytesDropped = new AtomicLong();

  private ProxyEngine(String targetHost, int targetPort, ServerSocket listener) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = listener;
  }

  /** Binds a free loopback port and starts accepting. */
  public static ProxyEngine start(String targetHost, int targetPort) {
    ServerSocket listener;
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("could not bind the fault proxy on " + HOST, e);
    }
    ProxyEngine engine = new ProxyEngine(targetHost, targetPort, listener);
    Thread acceptor = new Thread(engine::acceptLoop, "pgdest-fault-proxy-" + engine.id + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    LOG.debug("Fault proxy listening on {}:{} for {}", HOST, listener.getLocalPort(), engine.target());
    return engine;
  }

  public int port() {
    return listener.getLocalPort();
  }

  public String target() {
    return targetHost + ":" + targetPort;
  }

  public void armCut(long bytes) {
    synchronized (budgetLock) {
      cutBudget = bytes;
    }
  }

  public void blackHole(boolean on) {
    blackHole = on;
  }

  public void latency(Duration delay) {
    latencyNanos = delay.toNanos();
  }

  public void refuseNew(boolean on) {
    refuseNew = on;
  }

  public void cutAll() {
    for (Link link : links) {
      link.reset(cut::incrementAndGet);
    }
  }

  public long accepted() {
    return accepted.get();
  }

  public int open() {
    return links.size();
  }

  public long cut() {
    return cut.get();
  }

  public long bytesUp() {
    return bytesUp.get();
  }

  public long bytesDown() {
    return bytesDown.get();
  }

  public long bytesDropped() {
    return bytesDropped.get();
  }

  boolean isBlackHole() {
    return blackHole;
  }

  long latencyNanos() {
    return latencyNanos;
  }

  /**
   * How many of {@code n} bytes may pass before the armed cut fires; {@code n} when no cut is
   * armed. Returning less than {@code n} fires (and disarms) the cut.
   */
  int allowance(int n) {
    synchronized (budgetLock) {
      if (cutBudget < 0) {
        return n;
      }
      if (cutBudget >= n) {
        cutBudget -= n;
        return n;
      }
      int allowed = (int) cutBudget;
      cutBudget = -1;
      return allowed;
    }
  }

  void relayed(boolean toServer, int n) {
    (toServer ? bytesUp : bytesDown).addAndGet(n);
  }

  void dropped(int n) {
    bytesDropped.addAndGet(n);
  }

  void cutBy(Link link) {
    if (link.reset(cut::incrementAndGet)) {
      LOG.debug("Fault proxy {} cut a connection", id);
    }
  }

  void closed(Link link) {
    links.remove(link);
  }

  private void acceptLoop() {
    while (!closed.get()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (!closed.get()) {
          LOG.warn("Fault proxy {} stopped accepting: {}", id, e.toString());
        }
        return;
      }
      accepted.incrementAndGet();
      if (refuseNew) {
        cut.incrementAndGet();
        Link.resetQuietly(client);
        continue;
      }
      Thread opener = new Thread(() -> open(client), "pgdest-fault-proxy-" + id + "-open");
      opener.setDaemon(true);
      opener.start();
    }
  }

  private void open(Socket client) {
    Socket server = new Socket();
    try {
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      server.connect(new InetSocketAddress(targetHost, targetPort), 10_000);
    } catch (IOException e) {
      LOG.debug("Fault proxy {} could not reach {}: {}", id, target(), e.toString());
      Link.resetQuietly(client);
      Link.closeQuietly(server);
      return;
    }
    Link link = new Link(this, client, server, id);
    links.add(link);
    if (closed.get()) {
      link.reset();
      return;
    }
    link.start();
  }

  /** Stops accepting and resets every connection. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      listener.close();
    } catch (IOException e) {
      LOG.debug("Closing the fault proxy listener failed", e);
    }
    for (Link link : links) {
      link.reset();
    }
    links.clear();
  }
}
