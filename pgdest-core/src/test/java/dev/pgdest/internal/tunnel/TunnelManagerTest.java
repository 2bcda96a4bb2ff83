package dev.pgdest.internal.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.ConfigurationException;
import dev.pgdest.SshTunnel;
import org.junit.jupiter.api.Test;

/**
 * Provider discovery as a user's class path sees it: this module's test resources register a
 * provider that throws in its constructor, then {@link FakeTunnelProvider}; core itself has none.
 */
class TunnelManagerTest {

  private static SshTunnel tunnel(String host) {
    return SshTunnel.builder().host(host).username("tunnel").privateKeyPem("not a real key")
        .insecureAcceptAnyHostKey(true).build();
  }

  @Test
  void withoutASupportingProviderTheMessageNamesTheArtifactToAdd() {
    assertThatThrownBy(() -> TunnelManager.create(tunnel("bastion.example.com"), "db", 5432))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("add the dependency dev.pgdest:pgdest-ssh")
        .hasMessageContaining("fake")
        .hasMessageContaining("<failed to load");
  }

  @Test
  void aBrokenProviderDoesNotHideAWorkingOne() {
    try (TunnelManager manager = TunnelManager.create(tunnel(FakeTunnelProvider.HOST), "db", 5432)) {
      assertThat(manager.providerName()).isEqualTo("fake");
      assertThat(manager.description()).isEqualTo("tunnel@" + FakeTunnelProvider.HOST + ":22");
    }
  }
}
