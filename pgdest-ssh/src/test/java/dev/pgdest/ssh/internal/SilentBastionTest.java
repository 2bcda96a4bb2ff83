package dev.pgdest.ssh.internal;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pgdest.spi.TunnelFailure;
import dev.pgdest.spi.TunnelSettings;
import dev.pgdest.ssh.SshKeys;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression: a bastion that accepts the TCP connection but never sends its SSH greeting hung
 * the open (and every reconnect) forever, because sshj reads the greeting without a timeout.
 */
// Waits on sockets, threads or a server: a hang fails instead of stalling the build.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SilentBastionTest {

  @Test
  void aBastionThatNeverGreetsFailsWithinTheConnectTimeout() throws Exception {
    // The kernel completes the TCP handshake into the backlog; nobody ever accepts or writes.
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Map<String, Object> settings = Map.of(
          TunnelSettings.KIND, "ssh",
          TunnelSettings.HOST, "127.0.0.1",
          TunnelSettings.PORT, silent.getLocalPort(),
          TunnelSettings.USERNAME, "tunnel",
          TunnelSettings.PRIVATE_KEY, SshKeys.generateEd25519().privateKey().toCharArray(),
          TunnelSettings.HOST_KEY_FINGERPRINT, "SHA256:" + "A".repeat(43),
          TunnelSettings.CONNECT_TIMEOUT_MILLIS, 500L);

      long start = System.nanoTime();
      Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> catchThrowable(() -> new SshjTunnelProvider().open(settings, "db.internal", 5432)),
          "opening a tunnel to a bastion that never answers");
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(thrown).isInstanceOf(TunnelFailure.class)
          .hasMessageContaining("127.0.0.1:" + silent.getLocalPort())
          .hasMessageContaining("did not complete the SSH handshake within 500 ms");
      assertThat(((TunnelFailure) thrown).reason()).isEqualTo(TunnelFailure.Reason.BASTION_UNREACHABLE);
      assertThat(millis).as("milliseconds until the open gave up").isBetween(400L, 5_000L);
    }
  }
}
