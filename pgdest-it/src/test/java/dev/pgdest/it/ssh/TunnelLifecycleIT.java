package dev.pgdest.it.ssh;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.SshTunnel;
import dev.pgdest.internal.tunnel.TunnelManager;
import dev.pgdest.ssh.SshKeyPair;
import dev.pgdest.ssh.SshKeys;
import dev.pgdest.testkit.SshBastion;
import java.security.KeyPair;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import com.hierynomus.sshj.key.KeyAlgorithms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Open, use, lose and close a tunnel: same local port across reconnects, nothing left behind. */
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TunnelLifecycleIT {
  private static final SshKeyPair KEY = SshKeys.generateEd25519();
  private static EchoServer target;
  private static SshBastion bastion;

  @BeforeAll
  static void start() throws Exception {
    target = new EchoServer();
    bastion = SshBastion.builder().permitOpen("localhost", target.port()).authorize(KEY.authorizedKeysLine("t"))
        .start();
  }

  @AfterAll
  static void stop() throws Exception {
    bastion.close();
    target.close();
  }

  private static TunnelManager manager() {
    SshTunnel tunnel = SshTunnel.builder().host(bastion.host()).port(bastion.port()).username(bastion.user())
        .privateKeyPem(KEY.privateKey()).hostKeyFingerprint(bastion.hostKeyFingerprint()).build();
    return TunnelManager.create(tunnel, "localhost", target.port());
  }

  @Test
  void theDatabaseHostIsResolvedOnTheBastion() throws Exception {
    try (TunnelManager manager = manager()) {
      assertThat(EchoServer.roundTrip(manager.localPort(), "ping")).isEqualTo("ping");
    }
    assertThat(bastion.forwardRequests()).as("the name the client asked the bastion to connect to")
        .contains("localhost:" + target.port());
  }

  @Test
  void reconnectsOnTheSameLocalPortAfterTheBastionDroppedTheSession() throws Exception {
    try (TunnelManager manager = manager()) {
      int port = manager.localPort();
      assertThat(EchoServer.roundTrip(port, "before")).isEqualTo("before");

      bastion.killSessions();
      awaitNoSessions();

      assertThat(manager.localPort()).as("local port after reconnect").isEqualTo(port);
      assertThat(EchoServer.roundTrip(port, "after")).isEqualTo("after");
    }
  }

  @Test
  void acceptedConnectionReconnectsByItself() throws Exception {
    try (TunnelManager manager = manager()) {
      int port = manager.localPort();
      bastion.killSessions();
      // No ensureConnected between: the listener itself re-establishes the session.
      assertThat(EchoServer.roundTrip(port, "direct")).isEqualTo("direct");
    }
  }

  @Test
  void closeLeavesNoThreadAndNoListeningPort() throws Exception {
    int port;
    try (TunnelManager manager = manager()) {
      port = manager.localPort();
      assertThat(EchoServer.roundTrip(port, "x")).isEqualTo("x");
      assertThat(Leaks.tunnelThreads()).as("threads while open").isNotEmpty();
    }
    Leaks.assertNoTunnelThreads();
    Leaks.assertNotListening(port);
    awaitNoSessions();
  }

  @Test
  void failedAuthenticationLeavesNoThread() throws Exception {
    SshTunnel tunnel = SshTunnel.builder().host(bastion.host()).port(bastion.port()).username("intruder")
        .privateKeyPem(KEY.privateKey()).hostKeyFingerprint(bastion.hostKeyFingerprint()).build();
    try (TunnelManager manager = TunnelManager.create(tunnel, "localhost", target.port())) {
      assertThatThrownBy(manager::localPort).hasMessageContaining("refused public key");
    }
    Leaks.assertNoTunnelThreads();
  }

  @Test
  void theBastionRefusesSha1RsaSignaturesSoRsaKeysMustUseSha2() throws Exception {
    // Control for the RSA cases of KeyFormatsIT: a client limited to ssh-rsa is turned away.
    KeyPair rsa = TestKeys.generate(TestKeys.Kind.RSA_3072);
    bastion.authorize(TestKeys.authorizedKeysLine(rsa));
    DefaultConfig config = new DefaultConfig();
    config.setKeyAlgorithms(List.of(KeyAlgorithms.EdDSA25519(), KeyAlgorithms.SSHRSA()));
    try (SSHClient client = new SSHClient(config)) {
      client.addHostKeyVerifier(bastion.hostKeyFingerprint());
      client.connect(bastion.host(), bastion.port());
      assertThatThrownBy(() -> client.authPublickey(bastion.user(), client.loadKeys(rsa)))
          .isInstanceOf(UserAuthException.class);
    }
  }

  private static void awaitNoSessions() throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (bastion.activeSessions() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(bastion.activeSessions()).as("sessions left on the bastion").isZero();
  }
}
