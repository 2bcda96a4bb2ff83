package dev.pgdest.internal.check;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport.Item;
import dev.pgdest.CheckReport.Status;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SshTunnel;
import dev.pgdest.internal.tunnel.FakeTunnelProvider;
import dev.pgdest.internal.tunnel.TunnelManager;
import org.junit.jupiter.api.Test;

/** Each tunnel failure reason becomes the advice that fixes it, through a scripted provider. */
// Waits on sockets, threads or a server: a hang fails instead of stalling the build.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TunnelCheckTest {

  private static Item check(String sshUser) {
    SshTunnel tunnel = SshTunnel.builder().host(FakeTunnelProvider.HOST).username(sshUser)
        .privateKeyPem("not a real key").insecureAcceptAnyHostKey(true).build();
    DestinationConfig config = DestinationConfig.builder().host("db.internal").port(6432).database("d")
        .schema("s").username("u").tunnel(tunnel).build();
    try (TunnelManager manager = TunnelManager.create(tunnel, config.host(), config.port())) {
      return TunnelCheck.check(manager, config);
    }
  }

  @Test
  void aWorkingTunnelPasses() {
    Item item = check("tunnel");
    assertThat(item.status()).isEqualTo(Status.PASS);
    assertThat(item.explanation()).contains("db.internal:6432");
  }

  @Test
  void unreachableBastionAsksToAllowTheEgressIpOnTheSshPort() {
    assertThat(check("open-BASTION_UNREACHABLE").explanation())
        .contains("Allow the service's egress IP on port 22 of the bastion");
  }

  @Test
  void rejectedHostKeyShowsTheOfferedFingerprint() {
    Item item = check("open-HOST_KEY_REJECTED");
    assertThat(item.status()).isEqualTo(Status.FAIL);
    assertThat(item.explanation()).contains("SHA256:AAAAbbbbCCCCddddEEEEffffGGGGhhhhIIIIjjjjKKK", "hostKeyFingerprint");
  }

  @Test
  void refusedKeyNamesTheAuthorizedKeysFileOfTheUser() {
    assertThat(check("open-AUTH_REFUSED").explanation())
        .contains("~/.ssh/authorized_keys of user \"open-AUTH_REFUSED\"");
  }

  @Test
  void unusableKeyMentionsFormatAndPassphrase() {
    assertThat(check("open-KEY_UNUSABLE").explanation()).contains("passphrase", "OpenSSH");
  }

  @Test
  void refusedForwardingPointsAtSshdConfig() {
    assertThat(check("probe-FORWARDING_REFUSED").explanation()).contains("AllowTcpForwarding");
  }

  @Test
  void unreachableTargetAsksToAllowTheBastionOnTheDatabasePort() {
    Item item = check("probe-TARGET_UNREACHABLE");
    assertThat(item.status()).isEqualTo(Status.FAIL);
    assertThat(item.explanation()).contains("the bastion cannot reach db.internal:6432",
        "allow the bastion's IP on the database port 6432");
  }
}
