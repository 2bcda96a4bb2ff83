package dev.pgdest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationConfigTest {
  private static final String SECRET = "s3cr3t-CANARY-p@ss";

  private static DestinationConfig.Builder valid() {
    DestinationConfig.Builder b = DestinationConfig.builder();
    b.host("db.example.com").database("analytics").schema("acme_sync").username("pgdest_writer");
    return b;
  }

  @Test
  void defaultsFollowTheSetupPageAndAreSafe() {
    DestinationConfig c = valid().build();

    assertThat(c.port()).isEqualTo(5432);
    assertThat(c.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
    assertThat(c.password()).isEmpty();
    assertThat(c.tunnel()).isEmpty();
    assertThat(c.includeServerDetail()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536, 70000})
  void portOutsideTheRangeIsRefusedWithTheValue(int port) {
    assertThatThrownBy(() -> valid().port(port).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("port must be in 1..65535: " + port);
  }

  @Test
  void portsAtTheEdgesAreAccepted() {
    assertThat(valid().port(1).build().port()).isEqualTo(1);
    assertThat(DestinationConfig.builder().host("h").database("d").schema("s").username("u").port(65535).build().port())
        .isEqualTo(65535);
  }

  @Test
  void missingRequiredFieldsAreAllNamed() {
    assertThatThrownBy(() -> DestinationConfig.builder().host("h").password(SECRET).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("DestinationConfig is missing required fields")
        .hasMessageContainingAll("database", "schema", "username")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void aFieldSetTwiceIsAnErrorNotASilentOverwrite() {
    assertThatThrownBy(() -> valid().port(5432).port(6543).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("port");
  }

  @Test
  void emptyIdentifiersAreRefused() {
    assertThatThrownBy(() -> DestinationConfig.builder().host("h").database("").schema("s").username("u").build())
        .isInstanceOf(ConfigurationException.class).hasMessage("database must not be empty");
    assertThatThrownBy(() -> DestinationConfig.builder().host("h").database("d").schema("").username("u").build())
        .isInstanceOf(ConfigurationException.class).hasMessage("schema must not be empty");
    assertThatThrownBy(() -> DestinationConfig.builder().host("h").database("d").schema("s").username("").build())
        .isInstanceOf(ConfigurationException.class).hasMessage("username must not be empty");
  }

  @Test
  void nulInIdentifiersIsRefused() {
    assertThatThrownBy(() -> DestinationConfig.builder().host("h").database("d").schema("a\0b").username("u").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("schema must not contain the NUL character (U+0000)");
  }

  @Test
  void identifiersLongerThan63BytesAreRefusedCountingUtf8Bytes() {
    String ascii63 = "s".repeat(63);
    assertThat(DestinationConfig.builder().host("h").database("d").schema(ascii63).username("u").build().schema())
        .isEqualTo(ascii63);
    // 32 two-byte letters: 32 characters but 64 bytes.
    String wide = "\u00e9".repeat(32);
    assertThatThrownBy(() -> DestinationConfig.builder().host("h").database("d").schema(wide).username("u").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("schema must be at most 63 bytes")
        .hasMessageContaining("was 64");
  }

  @Test
  void systemSchemaPrefixIsRefused() {
    assertThatThrownBy(() -> DestinationConfig.builder().host("h").database("d").schema("pg_sync").username("u").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("schema must not start with \"pg_\"")
        .hasMessageContaining("pg_sync");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "db host", "db.example.com/5432", "a\tb"})
  void malformedHostsAreRefused(String host) {
    assertThatThrownBy(() -> DestinationConfig.builder().host(host).database("d").schema("s").username("u").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("host must be a host name or IP address");
  }

  @Test
  void aKeyPasswordWithoutAKeyIsRefusedNotIgnored() {
    assertThatThrownBy(() -> valid().sslClientKeyPassword(SECRET).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("sslClientKeyPassword is set but sslClientKey is not: the password would be ignored")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void clientCertificateNeedsItsKey() {
    assertThatThrownBy(() -> valid().sslClientCert(Path.of("client.crt")).sslClientKeyPassword(SECRET).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("sslClientCert and sslClientKey must be set together");
  }

  @Test
  void nulInThePasswordIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> valid().password(SECRET + "\0").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("password must not contain the NUL character (U+0000)");
  }

  @Test
  void limitsAreCheckedNotClamped() {
    assertThatThrownBy(() -> valid().maxPoolSize(0).build()).hasMessage("maxPoolSize must be at least 1: 0");
    assertThatThrownBy(() -> valid().batchRows(0).build()).hasMessage("batchRows must be at least 1: 0");
    assertThatThrownBy(() -> valid().batchBytes(1024).build()).hasMessageStartingWith("batchBytes must be at least");
    assertThatThrownBy(() -> valid().connectTimeout(Duration.ZERO).build())
        .hasMessage("connectTimeout must be positive: PT0S");
    assertThatThrownBy(() -> valid().maxRetries(-1).build()).hasMessage("maxRetries must be at least 0: -1");
  }

  @Test
  void anyCharacterIsAcceptedInTheUsernameAndPassword() {
    String awkward = "@[]/?#\"\\+ &:%'\u00e9";
    DestinationConfig c = valid().password(awkward).build();
    assertThat(c.password()).hasValue(awkward);
  }

  @Test
  void toStringMasksEverySecret() {
    DestinationConfig c = valid()
        .password(SECRET)
        .sslClientCert(Path.of("client.crt")).sslClientKey(Path.of("client.pk8")).sslClientKeyPassword(SECRET + "-key")
        .tunnel(SshTunnel.builder().host("bastion").username("tunnel").privateKeyPem("PEM-" + SECRET)
            .passphrase(SECRET + "-phrase").insecureAcceptAnyHostKey(true).build())
        .build();

    assertThat(c.toString())
        .doesNotContain(SECRET)
        .contains("****", "db.example.com", "pgdest_writer", "bastion");
  }
}
