package dev.pgdest.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.SshTunnel;
import dev.pgdest.internal.tunnel.TunnelManager;
import dev.pgdest.spi.TunnelProvider;
import dev.pgdest.spi.TunnelSettings;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProviderDiscoveryTest {

  @Test
  void serviceLoaderFindsTheSshjProviderOnTheClassPath() {
    var names = ServiceLoader.load(TunnelProvider.class).stream()
        .map(p -> p.get().name()).collect(Collectors.toList());

    assertThat(names).as("providers registered in META-INF/services").contains("sshj");
  }

  @Test
  void coreChoosesItForAnSshTunnel() {
    SshTunnel tunnel = SshTunnel.builder().host("bastion.example.com").username("tunnel")
        .privateKeyPem("unused: nothing connects").hostKeyFingerprint("SHA256:" + "A".repeat(43)).build();

    try (TunnelManager manager = TunnelManager.create(tunnel, "db.internal", 5432)) {
      assertThat(manager.providerName()).isEqualTo("sshj");
    }
  }

  @Test
  void supportsOnlySsh() {
    assertThat(new SshjTunnelProvider().supports(Map.of(TunnelSettings.KIND, "ssh"))).isTrue();
    assertThat(new SshjTunnelProvider().supports(Map.of(TunnelSettings.KIND, "wireguard"))).isFalse();
  }
}
