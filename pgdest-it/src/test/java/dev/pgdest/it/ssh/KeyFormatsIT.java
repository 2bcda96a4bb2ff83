package dev.pgdest.it.ssh;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.SshTunnel;
import dev.pgdest.internal.tunnel.TunnelManager;
import dev.pgdest.it.ssh.TestKeys.Format;
import dev.pgdest.it.ssh.TestKeys.Kind;
import dev.pgdest.spi.TunnelFailure;
import dev.pgdest.testkit.SshBastion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key type in every format, plain and encrypted, as text and as a file, logs in to a bastion
 * that refuses SHA-1 {@code ssh-rsa} signatures (so RSA keys must sign with rsa-sha2-256/512).
 */
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KeyFormatsIT {
  private static final String PASSPHRASE = "p@ss phrase:/#\"\\";
  private static final Map<Kind, KeyPair> KEYS = new EnumMap<>(Kind.class);
  private static EchoServer target;
  private static SshBastion bastion;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    target = new EchoServer();
    bastion = SshBastion.start("127.0.0.1", target.port());
    for (Kind kind : Kind.values()) {
      KeyPair pair = TestKeys.generate(kind);
      KEYS.put(kind, pair);
      bastion.authorize(TestKeys.authorizedKeysLine(pair));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    bastion.close();
    target.close();
  }

  static Stream<Arguments> keys() {
    List<Arguments> all = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Format format : Format.values()) {
        if (kind == Kind.ED25519 && format == Format.PEM) {
          continue; // Ed25519 has no traditional PEM form
        }
        all.add(Arguments.of(kind, format, false));
        all.add(Arguments.of(kind, format, true));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} encrypted={2}")
  @MethodSource("keys")
  void logsInAndForwards(Kind kind, Format format, boolean encrypted) throws Exception {
    String text = TestKeys.write(KEYS.get(kind), format, encrypted ? PASSPHRASE : null);
    assertForwards(builder(encrypted).privateKeyPem(text).build(), kind + " " + format);

    Path file = dir.resolve(kind + "-" + format);
    Files.writeString(file, text);
    assertForwards(builder(encrypted).privateKeyFile(file).build(), kind + " " + format + " file");
  }

  @Test
  void keysPastedWithLiteralBackslashNOrCrLfWork() throws Exception {
    String text = TestKeys.write(KEYS.get(Kind.ED25519), Format.OPENSSH, PASSPHRASE);

    assertForwards(builder(true).privateKeyPem(text.replace("\n", "\\n")).build(), "literal \\n");
    assertForwards(builder(true).privateKeyPem(text.replace("\n", "\r\n")).build(), "CRLF");
    String rsaPem = TestKeys.write(KEYS.get(Kind.RSA_3072), Format.PKCS8, null);
    assertForwards(builder(false).privateKeyPem(rsaPem.replace("\n", "\\r\\n")).build(), "literal \\r\\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encryptedFormats")
  void wrongPassphraseIsKeyUnusable(Format format) {
    Kind kind = format == Format.PEM ? Kind.RSA_3072 : Kind.ED25519;
    String text = TestKeys.write(KEYS.get(kind), format, PASSPHRASE);
    SshTunnel tunnel = builder(false).privateKeyPem(text).passphrase("wrong").build();
    int attempts = bastion.authAttempts();

    assertThatThrownBy(() -> open(tunnel))
        .isInstanceOfSatisfying(TunnelFailure.class,
            e -> assertThat(e.reason()).isEqualTo(TunnelFailure.Reason.KEY_UNUSABLE))
        .hasMessageContaining("passphrase is wrong")
        .hasMessageNotContaining("wrong\"").hasMessageNotContaining(text.split("\n")[2]);
    assertThat(bastion.authAttempts()).as("a key that cannot be decrypted is never offered").isEqualTo(attempts);
  }

  static Stream<Format> encryptedFormats() {
    return Stream.of(Format.values());
  }

  @Test
  void encryptedKeyWithoutPassphraseSaysSo() {
    String text = TestKeys.write(KEYS.get(Kind.ECDSA_P256), Format.OPENSSH, PASSPHRASE);

    assertThatThrownBy(() -> open(builder(false).privateKeyPem(text).build()))
        .isInstanceOfSatisfying(TunnelFailure.class,
            e -> assertThat(e.reason()).isEqualTo(TunnelFailure.Reason.KEY_UNUSABLE))
        .hasMessageContaining("encrypted and no passphrase is configured");
  }

  private static SshTunnel.Builder builder(boolean encrypted) {
    SshTunnel.Builder b = SshTunnel.builder().host(bastion.host()).port(bastion.port()).username(bastion.user())
        .knownHosts(bastion.knownHostsLine());
    if (encrypted) {
      b.passphrase(PASSPHRASE);
    }
    return b;
  }

  private static void open(SshTunnel tunnel) throws Exception {
    try (TunnelManager manager = TunnelManager.create(tunnel, "127.0.0.1", target.port())) {
      manager.localPort();
    }
  }

  private static void assertForwards(SshTunnel tunnel, String what) throws Exception {
    try (TunnelManager manager = TunnelManager.create(tunnel, "127.0.0.1", target.port())) {
      assertThat(EchoServer.roundTrip(manager.localPort(), "hello " + what)).as(what).isEqualTo("hello " + what);
    }
  }
}
