package dev.pgdest.internal.tunnel;

import dev.pgdest.spi.TunnelFailure;
import dev.pgdest.spi.TunnelProvider;
import dev.pgdest.spi.TunnelSettings;
import java.io.IOException;
import java.util.Map;

/**
 * A provider for bastion host {@value #HOST} only. The SSH username scripts it: {@code open-REASON}
 * fails opening with that {@link TunnelFailure.Reason}, {@code probe-REASON} fails the probe, anything
 * else works.
 */
public final class FakeTunnelProvider implements TunnelProvider {
  /** The only bastion host this provider supports. */
  public static final String HOST = "fake-bastion.invalid";

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public boolean supports(Map<String, ?> settings) {
    return HOST.equals(settings.get(TunnelSettings.HOST));
  }

  @Override
  public Tunnel open(Map<String, ?> settings, String targetHost, int targetPort) throws IOException {
    String user = (String) settings.get(TunnelSettings.USERNAME);
    if (user.startsWith("open-")) {
      throw failure(user.substring(5));
    }
    return new Tunnel() {
      @Override
      public int localPort() {
        return 1;
      }

      @Override
      public boolean isConnected() {
        return true;
      }

      @Override
      public void ensureConnected() {}

      @Override
      public void probeTarget() throws IOException {
        if (user.startsWith("probe-")) {
          throw failure(user.substring(6));
        }
      }

      @Override
      public void close() {}
    };
  }

  private static TunnelFailure failure(String reason) {
    String message = reason.equals("HOST_KEY_REJECTED")
        ? "offered host key SHA256:AAAAbbbbCCCCddddEEEEffffGGGGhhhhIIIIjjjjKKK is not trusted"
        : "scripted " + reason;
    return new TunnelFailure(TunnelFailure.Reason.valueOf(reason), message, null);
  }
}
