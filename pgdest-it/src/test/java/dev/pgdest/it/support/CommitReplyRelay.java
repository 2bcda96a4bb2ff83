package dev.pgdest.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP relay in front of PostgreSQL that lets the server commit a transaction and keeps
 * the reply from the client, once armed: {@link #arm(Runnable)} swallows the next COMMIT's reply,
 * runs an action (e.g. a bastion dropping its sessions) and closes that connection;
 * {@link #forgeNext(String)} hands the client a FATAL error instead, with the SQLSTATE of a server
 * going away (57P01 admin shutdown, 57P02 crash shutdown, 57P05 idle session timeout), and closes
 * it. Either way the transaction is committed and the client cannot know. Thread-safe.
 */
public final class CommitReplyRelay implements AutoCloseable {
  /**
   * The server's CommandComplete message for a COMMIT. The client side is no guide: pgjdbc sends
   * a COMMIT it has used a few times as a named prepared statement, without the word.
   */
  private static final byte[] COMMIT = {'C', 0, 0, 0, 11, 'C', 'O', 'M', 'M', 'I', 'T', 0};

  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  /** The armed fault: a SQLSTATE to forge, or {@link #SWALLOW}. */
  private final AtomicReference<String> armed = new AtomicReference<>();
  private final AtomicInteger swallowed = new AtomicInteger();
  private final AtomicInteger forged = new AtomicInteger();
  private volatile Runnable onSwallow = () -> {};

  private static final String SWALLOW = "swallow";

  /** Starts relaying from a free loopback port to {@code upstreamHost:upstreamPort}. */
  public CommitReplyRelay(String upstreamHost, int upstreamPort) throws IOException {
    upstream = new InetSocketAddress(upstreamHost, upstreamPort);
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::acceptLoop, "test-commit-relay-" + listener.getLocalPort());
  }

  public String host() {
    return listener.getInetAddress().getHostAddress();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Swallows the reply to the next COMMIT of any connection, then runs {@code action}. */
  public void arm(Runnable action) {
    onSwallow = action;
    armed.set(SWALLOW);
  }

  /** Replaces the reply to the next COMMIT of any connection with FATAL {@code sqlState} and closes it. */
  public void forgeNext(String sqlState) {
    armed.set(sqlState);
  }

  /** COMMIT replies swallowed so far. */
  public int swallowed() {
    return swallowed.get();
  }

  /** COMMIT replies replaced so far. */
  public int forged() {
    return forged.get();
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
        int at = fromServer && armed.get() != null ? indexOf(buffer, n) : -1;
        if (at >= 0) {
          String state = armed.getAndSet(null);
          if (SWALLOW.equals(state)) {
            swallowed.incrementAndGet();
            onSwallow.run();
            return;
          }
          if (state != null) {
            // FATAL, not ERROR: an ERROR answering COMMIT means the transaction rolled back.
            out.write(buffer, 0, at);
            out.write(fatal(state));
            out.flush();
            forged.incrementAndGet();
            return;
          }
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

  /** An ErrorResponse message: severity FATAL, the SQLSTATE and a message. */
  private static byte[] fatal(String sqlState) {
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    field(fields, 'S', "FATAL");
    field(fields, 'V', "FATAL");
    field(fields, 'C', sqlState);
    field(fields, 'M', "terminating connection due to administrator command");
    fields.write(0);
    byte[] body = fields.toByteArray();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.write('E');
    int length = body.length + 4;
    message.write(length >>> 24);
    message.write(length >>> 16);
    message.write(length >>> 8);
    message.write(length);
    message.writeBytes(body);
    return message.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, char type, String value) {
    out.write(type);
    out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  private static int indexOf(byte[] buffer, int length) {
    outer:
    for (int i = 0; i + COMMIT.length <= length; i++) {
      for (int j = 0; j < COMMIT.length; j++) {
        if (buffer[i + j] != COMMIT[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
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
