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

/**
 * A loopback TCP relay to one upstream that can turn into a black hole: while {@link
 * #blackHole(boolean) black-holed} it keeps every connection open and keeps accepting new ones,
 * but drops the bytes in both directions, as a bastion that froze or a firewall that silently
 * drops packets would. Nothing it does closes a connection; it only passes on a close made by
 * either end. Thread-safe.
 */
final class BlackHoleRelay implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final Set<Socket> clientSockets = ConcurrentHashMap.newKeySet();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean blackHoled;

  BlackHoleRelay(String upstreamHost, int upstreamPort) throws IOException {
    upstream = new InetSocketAddress(upstreamHost, upstreamPort);
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::acceptLoop, "test-relay-accept-" + listener.getLocalPort());
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Stops (true) or resumes (false) passing bytes; bytes sent while black-holed are lost. */
  void blackHole(boolean on) {
    blackHoled = on;
  }

  /** Client connections whose client end has not closed yet. */
  int openClientConnections() {
    return (int) clientSockets.stream().filter(s -> !s.isClosed()).count();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      Socket server = new Socket();
      try {
        server.connect(upstream, 5_000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(server);
        continue;
      }
      clientSockets.add(client);
      sockets.add(client);
      sockets.add(server);
      daemon(() -> pump(client, server), "test-relay-up-" + client.getPort());
      daemon(() -> pump(server, client), "test-relay-down-" + client.getPort());
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (!blackHoled) {
          out.write(buffer, 0, n);
          out.flush();
        }
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
