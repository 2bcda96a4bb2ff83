package dev.pgdest.testkit.internal.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One proxied connection: a client socket, a server socket and a pump thread per direction. A
 * reset closes both sockets with {@code SO_LINGER 0}, so each peer sees a TCP RST rather than an
 * orderly end of stream, as when a middlebox drops a connection.
 *
 * <p>Thread-safe.
 */
final class Link {

  private static final int CHUNK = 16 * 1024;

  private final ProxyEngine engine;
  private final Socket client;
  private final Socket server;
  private final long proxyId;
  private final AtomicBoolean done = new AtomicBoolean();

  Link(ProxyEngine engine, Socket client, Socket server, long proxyId) {
    this.engine = engine;
    this.client = client;
    this.server = server;
    this.proxyId = proxyId;
  }

  void start() {
    thread(true).start();
    thread(false).start();
  }

  private Thread thread(boolean toServer) {
    Thread t = new Thread(() -> pump(toServer),
        "pgdest-fault-proxy-" + proxyId + (toServer ? "-up" : "-down"));
    t.setDaemon(true);
    return t;
  }

  private void pump(boolean toServer) {
    Socket from = toServer ? client : server;
    Socket to = toServer ? server : client;
    byte[] buffer = new byte[CHUNK];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          // An orderly end from one side is passed on as such, and the link ends.
          close();
          return;
        }
        if (engine.isBlackHole()) {
          engine.dropped(n);
          continue;
        }
        long latency = engine.latencyNanos();
        if (latency > 0) {
          TimeUnit.NANOSECONDS.sleep(latency);
        }
        int allowed = engine.allowance(n);
        if (allowed > 0) {
          // Counted before the write so that a peer's reply never outruns the counter.
          engine.relayed(toServer, allowed);
          out.write(buffer, 0, allowed);
          out.flush();
        }
        if (allowed < n) {
          engine.cutBy(this);
          return;
        }
      }
    } catch (IOException e) {
      reset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reset();
    }
  }

  /** Resets both sockets; true if this call ended the link. */
  boolean reset() {
    return reset(() -> { });
  }

  /** Resets both sockets, running {@code first} before the peers can notice; true if this call ended the link. */
  boolean reset(Runnable first) {
    if (!done.compareAndSet(false, true)) {
      return false;
    }
    first.run();
    resetQuietly(client);
    resetQuietly(server);
    engine.closed(this);
    return true;
  }

  private void close() {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(client);
    closeQuietly(server);
    engine.closed(this);
  }

  static void resetQuietly(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed: nothing to reset
    }
    closeQuietly(socket);
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }
}
