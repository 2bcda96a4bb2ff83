package dev.pgdest.testkit;

import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy in front of a plain echo server. */
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FaultProxyTest {

  private ServerSocket echo;
  private FaultProxy proxy;

  @BeforeEach
  void startEchoServerAndProxy() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!echo.isClosed()) {
        try {
          Socket s = echo.accept();
          Thread t = new Thread(() -> echoAll(s));
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    proxy = FaultProxy.start("127.0.0.1", echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void relaysBothWaysAndCountsBytes() throws IOException {
    try (Socket s = connect()) {
      byte[] sent = "hello, postgres".getBytes();
      s.getOutputStream().write(sent);
      assertThat(readExactly(s, sent.length)).isEqualTo(sent);
    }
    assertThat(proxy.bytesToServer()).isEqualTo(15);
    assertThat(proxy.bytesToClient()).isEqualTo(15);
    assertThat(proxy.connectionsAccepted()).isEqualTo(1);
  }

  @Test
  void cutAfterBytesResetsTheConnectionOnceThenDisarms() throws IOException {
    proxy.cutAfterBytes(10);
    try (Socket s = connect()) {
      s.getOutputStream().write(new byte[100]);
      assertThatThrownBy(() -> readExactly(s, 100)).as("the connection is reset after 10 bytes")
          .isInstanceOf(IOException.class);
    }
    assertThat(proxy.connectionsCut()).isEqualTo(1);
    assertThat(proxy.bytesToServer()).as("bytes relayed to the server before the cut").isEqualTo(10);
    try (Socket s = connect()) {
      s.getOutputStream().write(new byte[100]);
      assertThat(readExactly(s, 100)).as("a retry gets through").hasSize(100);
    }
  }

  @Test
  void blackHoleSwallowsBytesWithoutClosing() throws IOException {
    try (Socket s = connect()) {
      proxy.blackHole(true);
      s.getOutputStream().write(new byte[] {1, 2, 3});
      s.setSoTimeout(300);
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      await(() -> proxy.bytesDropped() == 3);
      assertThat(proxy.openConnections()).as("the connection stays open, silent").isEqualTo(1);
    }
  }

  @Test
  void latencyDelaysEachDirection() throws IOException {
    proxy.latency(Duration.ofMillis(150));
    try (Socket s = connect()) {
      long start = System.nanoTime();
      s.getOutputStream().write(7);
      assertThat(readExactly(s, 1)).containsExactly(7);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void refusedConnectionsAreResetAndCounted() throws IOException {
    proxy.refuseNewConnections(true);
    try (Socket s = connect()) {
      s.setSoTimeout(5_000);
      assertThatThrownBy(() -> {
        s.getOutputStream().write(1);
        if (s.getInputStream().read() < 0) {
          throw new IOException("end of stream");
        }
      }).isInstanceOf(IOException.class);
    }
    assertThat(proxy.connectionsCut()).isEqualTo(1);
    proxy.refuseNewConnections(false);
    try (Socket s = connect()) {
      s.getOutputStream().write(9);
      assertThat(readExactly(s, 1)).containsExactly(9);
    }
  }

  @Test
  void cutAllResetsOpenConnections() throws IOException {
    try (Socket a = connect(); Socket b = connect()) {
      a.getOutputStream().write(1);
      b.getOutputStream().write(2);
      readExactly(a, 1);
      readExactly(b, 1);
      proxy.cutAll();
      assertThatThrownBy(() -> readExactly(a, 1)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> readExactly(b, 1)).isInstanceOf(IOException.class);
    }
    assertThat(proxy.connectionsCut()).isEqualTo(2);
    assertThat(proxy.openConnections()).isZero();
  }

  @Test
  void closeStopsListening() {
    int port = proxy.port();
    proxy.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> proxy.cutAfterBytes(-1)).hasMessageContaining("bytes must be >= 0");
    assertThatThrownBy(() -> proxy.latency(Duration.ofMillis(-1))).hasMessageContaining("negative");
    assertThatThrownBy(() -> FaultProxy.start("127.0.0.1", 0)).hasMessageContaining("targetPort");
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(proxy.host(), proxy.port());
    s.setSoTimeout(10_000);
    return s;
  }

  private static byte[] readExactly(Socket s, int n) throws IOException {
    InputStream in = s.getInputStream();
    byte[] buffer = new byte[n];
    int read = 0;
    while (read < n) {
      int r = in.read(buffer, read, n - read);
      if (r < 0) {
        throw new IOException("end of stream after " + read + " bytes");
      }
      read += r;
    }
    return Arrays.copyOf(buffer, read);
  }

  private static void echoAll(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        s.getOutputStream().write(buffer, 0, n);
      }
    } catch (IOException e) {
      // the proxy reset the connection: expected in these tests
    }
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
