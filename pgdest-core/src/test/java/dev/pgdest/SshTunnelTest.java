package dev.pgdest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SshTunnelTest {
  private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nKEY-CANARY\n-----END OPENSSH PRIVATE KEY-----\n";
  private static final String FINGERPRINT = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";

  private static SshTunnel.Builder valid() {
    SshTunnel.Builder b = SshTunnel.builder();
    b.host("bastion.example.com").username("tunnel").privateKeyPem(KEY);
    return b;
  }

  @Test
  void aFingerprintPinIsEnough() {
    SshTunnel t = valid().hostKeyFingerprint(FINGERPRINT).build();
    assertThat(t.port()).isEqualTo(22);
    assertThat(t.insecureAcceptAnyHostKey()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", "SHA256:short",
      "nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8!"})
  void malformedFingerprintsAreRefused(String fingerprint) {
    assertThatThrownBy(() -> valid().hostKeyFingerprint(fingerprint).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("tunnel.hostKeyFingerprint must look like ssh-keygen -l output")
        .hasMessageContaining(fingerprint);
  }

  @Test
  void hostKeyVerificationIsRequiredUnlessInsecurityIsAskedFor() {
    assertThatThrownBy(() -> valid().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("knownHosts or hostKeyFingerprint")
        .hasMessageContaining("insecureAcceptAnyHostKey");
    assertThat(valid().insecureAcceptAnyHostKey(true).build().insecureAcceptAnyHostKey()).isTrue();
  }

  @Test
  void exactlyOneKeyIsRequired() {
    assertThatThrownBy(() -> SshTunnel.builder().host("b").username("u").hostKeyFingerprint(FINGERPRINT).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("exactly one of privateKeyPem and privateKeyFile");
    assertThatThrownBy(() -> valid().privateKeyFile(Path.of("id_ed25519")).hostKeyFingerprint(FINGERPRINT).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("exactly one of privateKeyPem and privateKeyFile")
        .hasMessageNotContaining("KEY-CANARY");
  }

  @Test
  void blankKnownHostsAndBadPortsAreRefused() {
    assertThatThrownBy(() -> valid().knownHosts("  ").build()).hasMessage("tunnel.knownHosts must not be blank");
    assertThatThrownBy(() -> valid().port(0).hostKeyFingerprint(FINGERPRINT).build())
        .hasMessage("tunnel.port must be in 1..65535: 0");
    assertThatThrownBy(() -> SshTunnel.builder().host("b").username("a b").privateKeyPem(KEY)
        .hostKeyFingerprint(FINGERPRINT).build())
        .hasMessageStartingWith("tunnel.username must be non-empty without white space");
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    assertThatThrownBy(() -> SshTunnel.builder().privateKeyPem(KEY).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("SshTunnel is missing required fields")
        .hasMessageContainingAll("host", "username")
        .hasMessageNotContaining("KEY-CANARY");
  }

  @Test
  void toStringMasksTheKeyAndPassphrase() {
    SshTunnel t = valid().passphrase("PHRASE-CANARY").hostKeyFingerprint(FINGERPRINT).build();
    assertThat(t.toString()).doesNotContain("KEY-CANARY").doesNotContain("PHRASE-CANARY").contains("bastion.example.com");
  }
}
