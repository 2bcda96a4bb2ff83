package dev.pgdest.it.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A loopback TCP echo server standing in for the database where only bytes matter. */
final class EchoServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;

  EchoServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "test-echo-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread t = new Thread(() -> echo(client), "test-echo-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void echo(Socket client) {
    try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the test closed its end
    }
  }

  /** Sends {@code text} through {@code port} and returns what came back. */
  static String roundTrip(int port, String text) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      byte[] back = s.getInputStream().readNBytes(text.length());
      return new String(back, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
