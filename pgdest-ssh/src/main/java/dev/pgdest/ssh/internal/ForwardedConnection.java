package dev.pgdest.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local connection spliced onto one {@code direct-tcpip} channel, with a daemon thread per
 * direction. When either side ends, both are closed, so the driver sees a broken connection at
 * once instead of hanging on a dead tunnel.
 */
final class ForwardedConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardedConnection.class);
  private static final int BUFFER = 32 * 1024;

  private final Socket socket;
  private final DirectConnection channel;
  private final Thread up;
  private final Thread down;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Runnable onClose;

  ForwardedConnection(Socket socket, DirectConnection channel, String name, Runnable onClose) {
    this.socket = socket;
    this.channel = channel;
    this.onClose = onClose;
    this.up = thread(name + "-up", () -> pump(socket.getInputStream(), channel.getOutputStream()));
    this.down = thread(name + "-down", () -> pump(channel.getInputStream(), socket.getOutputStream()));
  }

  void start() {
    up.start();
    down.start();
  }

  /** Closes both ends and waits for the two threads. */
  void close() {
    closeEnds();
    join(up);
    join(down);
  }

  private void closeEnds() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      LOG.trace("closing forwarded socket", e);
    }
    try {
      channel.close();
    } catch (IOException | RuntimeException e) {
      LOG.trace("closing forwarding channel", e);
    }
    onClose.run();
  }

  private interface Pump {
    void run() throws IOException;
  }

  private Thread thread(String name, Pump pump) {
    Thread t = new Thread(() -> {
      try {
        pump.run();
      } catch (IOException | RuntimeException e) {
        LOG.debug("Forwarded connection {} ended: {}", name, e.toString());
      } finally {
        closeEnds();
      }
    }, name);
    t.setDaemon(true);
    return t;
  }

  private static void pump(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      out.flush();
    }
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
