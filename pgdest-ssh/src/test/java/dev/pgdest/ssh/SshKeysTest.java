package dev.pgdest.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SshKeysTest {

  @Test
  void generatesEd25519InOpenSshFormat() {
    SshKeyPair key = SshKeys.generateEd25519();

    assertThat(key.privateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
        .endsWith("-----END OPENSSH PRIVATE KEY-----\n");
    assertThat(key.keyType()).isEqualTo("ssh-ed25519");
    assertThat(key.publicKey()).matches("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+");
    assertThat(key.fingerprint()).matches("SHA256:[A-Za-z0-9+/]{43}");
    assertThat(key.authorizedKeysLine("acme sync")).isEqualTo(key.publicKey() + " acme sync");
  }

  @Test
  void readingTheGeneratedKeyGivesTheSamePublicKey() {
    SshKeyPair key = SshKeys.generateEd25519();

    SshKeyPair read = SshKeys.read(key.privateKey(), null);

    assertThat(read.publicKey()).isEqualTo(key.publicKey());
    assertThat(read.fingerprint()).isEqualTo(key.fingerprint());
  }

  @Test
  void generatesRsaInPemFormat() {
    SshKeyPair key = SshKeys.generateRsa(3072);

    assertThat(key.privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    assertThat(key.keyType()).isEqualTo("ssh-rsa");
    assertThat(SshKeys.read(key.privateKey(), null).fingerprint()).isEqualTo(key.fingerprint());
  }

  @Test
  void rejectsWeakRsa() {
    assertThatThrownBy(() -> SshKeys.generateRsa(1024)).hasMessageContaining("2048..16384: 1024");
  }

  @Test
  void rendersARestrictedLineThatOnlyForwardsToTheDatabase() {
    SshKeyPair key = SshKeys.generateEd25519();

    assertThat(key.restrictedAuthorizedKeysLine("acme", "db.internal", 5432))
        .isEqualTo("restrict,port-forwarding,permitopen=\"db.internal:5432\" " + key.publicKey() + " acme");
    assertThat(key.restrictedAuthorizedKeysLine("", "fd00::5", 5432))
        .startsWith("restrict,port-forwarding,permitopen=\"[fd00::5]:5432\" ssh-ed25519 ");
    assertThatThrownBy(() -> key.restrictedAuthorizedKeysLine("x", "db\" evil", 5432))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringNeverShowsThePrivateKey() {
    SshKeyPair key = SshKeys.generateEd25519();
    String body = key.privateKey().split("\n")[1];

    assertThat(key.toString()).doesNotContain(body).contains(key.fingerprint()).contains("****");
  }

  @Test
  void readRejectsGarbageWithoutQuotingIt() {
    assertThatThrownBy(() -> SshKeys.read("-----BEGIN NONSENSE-----\nc2VjcmV0LXN0dWZm\n-----END NONSENSE-----", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in a known format")
        .hasMessageNotContaining("c2VjcmV0LXN0dWZm");
  }
}
