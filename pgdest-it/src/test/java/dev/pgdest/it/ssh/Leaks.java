package dev.pgdest.it.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.stream.Collectors;

/** Asserts that a closed tunnel left no thread and no listening port behind. */
final class Leaks {
  private Leaks() {}

  /** Names of live threads that belong to a tunnel: ours and sshj's. */
  static List<String> tunnelThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("pgdest-ssh-") || n.startsWith("sshj-"))
        .sorted()
        .collect(Collectors.toList());
  }

  /** sshj's reader thread ends when its socket closes, a moment after close() returns; allow 5 s. */
  static void assertNoTunnelThreads() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!tunnelThreads().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(tunnelThreads()).as("tunnel threads still alive after close()").isEmpty();
  }

  static void assertNotListening(int port) {
    assertThatThrownBy(() -> {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        // connected: something still listens
      }
    }).as("127.0.0.1:%d still accepts connections after close()", port).isInstanceOf(IOException.class);
  }
}
