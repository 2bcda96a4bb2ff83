package dev.pgdest.it.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of PostgreSQL that, once {@link #arm(Runnable) armed}, swallows
 * the server's next reply that reports a {@code COMMIT}: the transaction is
 * committed but the client never hears so. It then runs the given action (e.g. the bastion
 * dropping its sessions) and closes that connection. Thread-safe.
 */
final class LostCommitRelay implements AutoCloseable {
  /**
   * The server's CommandComplete message for a COMMIT. The client side is no guide: pgjdbc sends
   * a COMMIT it has used a few times as a named prepared statement, without the word.
   */
  private static final byte[] COMMIT = {'C', 0, 0, 0, 11, 'C', 'O', 'M', 'M', 'I', 'T', 0};

  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicInteger swallowed = new AtomicInteger();
  private volatile Runnable onSwallow = () -> {};

  LostCommitRelay(String upstreamHost, int upstreamPort) throws IOException {
    upstream = new InetSocketAddress(upstreamHost, upstreamPort);
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::acceptLoop, "test-commit-relay-" + listener.getLocalPort());
  }

  String host() {
    return listener.getInetAddress().getHostAddress();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Swallows the reply to the next COMMIT of any connection, then runs {@code action}. */
  void arm(Runnable action) {
    onSwallow = action;
    armed.set(true);
  }

  /** COMMIT replies swallowed so far. */
  int swallowed() {
    return swallowed.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(upstream, 5_000);
        sockets.add(client);
        sockets.add(server);
        daemon(() -> pump(client, server, false), "test-commit-relay-up");
        daemon(() -> pump(server, client, true), "test-commit-relay-down");
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromServer) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (fromServer && armed.get() && contains(buffer, n) && armed.compareAndSet(true, false)) {
          swallowed.incrementAndGet();
          onSwallow.run();
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // one end closed; pass it on below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private static boolean contains(byte[] buffer, int length) {
    outer:
    for (int i = 0; i + COMMIT.length <= length; i++) {
      for (int j = 0; j < COMMIT.length; j++) {
        if (buffer[i + j] != COMMIT[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  private static void daemon(Runnable body, String name) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
