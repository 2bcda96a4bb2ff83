package dev.pgdest.it.ssh;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.SshTunnel;
import dev.pgdest.internal.tunnel.TunnelManager;
import dev.pgdest.spi.TunnelFailure;
import dev.pgdest.spi.TunnelFailure.Reason;
import dev.pgdest.ssh.SshKeyPair;
import dev.pgdest.ssh.SshKeys;
import dev.pgdest.testkit.SshBastion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each way a tunnel can fail reports its own reason, a message that says what to fix, and no secret. */
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TunnelFailuresIT {
  private static final SshKeyPair KEY = SshKeys.generateEd25519();
  private static EchoServer target;

  private SshBastion bastion;

  @BeforeAll
  static void startTarget() throws Exception {
    target = new EchoServer();
  }

  @AfterAll
  static void stopTarget() throws Exception {
    target.close();
  }

  private SshBastion bastion() {
    bastion = SshBastion.builder().permitOpen("127.0.0.1", target.port()).authorize(KEY.authorizedKeysLine("t")).start();
    return bastion;
  }

  @AfterEach
  void stopBastion() throws Exception {
    if (bastion != null) {
      bastion.close();
    }
    Leaks.assertNoTunnelThreads();
  }

  private static SshTunnel.Builder tunnel(SshBastion b) {
    return SshTunnel.builder().host(b.host()).port(b.port()).username(b.user()).privateKeyPem(KEY.privateKey());
  }

  private static void open(SshTunnel tunnel) throws Exception {
    try (TunnelManager manager = TunnelManager.create(tunnel, "127.0.0.1", target.port())) {
      manager.probeTarget();
    }
  }

  private static void assertFails(ThrowingCallable call, Reason reason, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(TunnelFailure.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason))
        .hasMessageContainingAll(fragments)
        .hasMessageNotContaining(KEY.privateKey().split("\n")[1]);
  }

  @Test
  void unknownHostKeyFailsBeforeAnyCredentialIsSent() {
    SshBastion b = bastion();
    String otherHost = "[" + b.host() + "]:" + b.port() + " " + SshKeys.generateEd25519().publicKey();

    assertFails(() -> open(tunnel(b).knownHosts(otherHost).build()), Reason.HOST_KEY_REJECTED,
        b.hostKeyFingerprint(), "ssh-ed25519", "No credentials were sent");
    assertFails(() -> open(tunnel(b).knownHosts("bastion.example.com " + b.hostPublicKey()).build()),
        Reason.HOST_KEY_REJECTED, b.hostKeyFingerprint(), "does not list");
    assertThat(b.authAttempts()).as("public keys offered to the bastion").isZero();
  }

  @Test
  void changedHostKeyFailsBeforeAnyCredentialIsSent() throws Exception {
    SshBastion b = bastion();
    SshTunnel tunnel = tunnel(b).knownHosts(b.knownHostsLine()).build();
    open(tunnel);
    int attempts = b.authAttempts();

    b.rotateHostKey();

    assertFails(() -> open(tunnel), Reason.HOST_KEY_REJECTED, b.hostKeyFingerprint(), "DIFFERS");
    assertThat(b.authAttempts()).as("public keys offered after the host key changed").isEqualTo(attempts);
  }

  @Test
  void fingerprintPinIsEnforced() throws Exception {
    SshBastion b = bastion();
    open(tunnel(b).hostKeyFingerprint(b.hostKeyFingerprint()).build());

    String wrong = SshKeys.generateEd25519().fingerprint();
    int attempts = b.authAttempts();
    assertFails(() -> open(tunnel(b).hostKeyFingerprint(wrong).build()), Reason.HOST_KEY_REJECTED,
        b.hostKeyFingerprint(), wrong);
    assertThat(b.authAttempts()).isEqualTo(attempts);
  }

  @Test
  void acceptingAnyHostKeyWorksAndWarns() throws Exception {
    SshBastion b = bastion();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      open(tunnel(b).insecureAcceptAnyHostKey(true).build());
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("WARN").contains("WITHOUT VERIFICATION").contains(b.hostKeyFingerprint());
  }

  @Test
  void noSecretReachesTheLogOrAnyMessage() throws Exception {
    SshBastion b = bastion();
    String passphrase = "Secret-Passphrase-4711";
    java.security.KeyPair pair = TestKeys.generate(TestKeys.Kind.ED25519);
    b.authorize(TestKeys.authorizedKeysLine(pair));
    String encrypted = TestKeys.write(pair, TestKeys.Format.OPENSSH, passphrase);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringBuilder messages = new StringBuilder();
    java.util.function.Supplier<SshTunnel.Builder> tunnel = () -> SshTunnel.builder().host(b.host()).port(b.port());
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      open(tunnel.get().username(b.user()).privateKeyPem(encrypted).passphrase(passphrase).knownHosts(b.knownHostsLine()).build());
      for (SshTunnel bad : new SshTunnel[] {
          tunnel.get().username(b.user()).privateKeyPem(encrypted).passphrase(passphrase + "x").knownHosts(b.knownHostsLine()).build(),
          tunnel.get().privateKeyPem(encrypted).passphrase(passphrase).username("nobody")
              .knownHosts(b.knownHostsLine()).build()}) {
        try {
          open(bad);
        } catch (TunnelFailure e) {
          messages.append(e).append('\n');
        }
      }
    } finally {
      System.setErr(err);
    }
    String everything = captured.toString(StandardCharsets.UTF_8) + messages;
    assertThat(messages.toString()).as("both failures were reported").contains("passphrase is wrong")
        .contains("refused public key");
    assertThat(everything).doesNotContain(passphrase);
    for (String line : encrypted.split("\n")) {
      if (!line.startsWith("-----")) {
        assertThat(everything).as("log and messages").doesNotContain(line);
      }
    }
    for (String line : KEY.privateKey().split("\n")) {
      if (!line.startsWith("-----")) {
        assertThat(everything).doesNotContain(line);
      }
    }
  }

  @Test
  void refusedKeyNamesUserBastionAndTheLineToAdd() {
    SshBastion b = SshBastion.builder().permitOpen("127.0.0.1", target.port()).start();
    bastion = b;

    assertFails(() -> open(tunnel(b).knownHosts(b.knownHostsLine()).build()), Reason.AUTH_REFUSED,
        "\"tunnel\"", b.host() + ":" + b.port(), KEY.fingerprint(), KEY.publicKey());
  }

  @Test
  void closedSshPortIsBastionUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SshTunnel tunnel = SshTunnel.builder().host("127.0.0.1").port(port).username("tunnel")
        .privateKeyPem(KEY.privateKey()).hostKeyFingerprint(KEY.fingerprint()).build();

    assertFails(() -> open(tunnel), Reason.BASTION_UNREACHABLE, "127.0.0.1:" + port, "egress IP");
  }

  @Test
  void refusedForwardingIsItsOwnReason() {
    SshBastion b = bastion();
    b.refuseForwarding(true);

    assertFails(() -> open(tunnel(b).knownHosts(b.knownHostsLine()).build()), Reason.FORWARDING_REFUSED,
        "127.0.0.1:" + target.port(), "AllowTcpForwarding");
  }

  @Test
  void databaseUnreachableFromTheBastionIsItsOwnReason() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    SshBastion b = SshBastion.builder().permitOpen("127.0.0.1", deadPort).authorize(KEY.authorizedKeysLine("t"))
        .start();
    bastion = b;
    SshTunnel tunnel = tunnel(b).knownHosts(b.knownHostsLine()).build();

    assertFails(() -> {
      try (TunnelManager manager = TunnelManager.create(tunnel, "127.0.0.1", deadPort)) {
        manager.probeTarget();
      }
    }, Reason.TARGET_UNREACHABLE, "127.0.0.1:" + deadPort);
  }
}
