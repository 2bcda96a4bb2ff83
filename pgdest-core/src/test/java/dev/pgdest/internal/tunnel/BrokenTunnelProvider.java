package dev.pgdest.internal.tunnel;

import dev.pgdest.spi.TunnelProvider;
import java.util.Map;

/** A provider whose constructor throws, listed before a working one: discovery must survive it. */
public final class BrokenTunnelProvider implements TunnelProvider {
  /** Always fails, as a provider with a missing dependency would. */
  public BrokenTunnelProvider() {
    throw new IllegalStateException("broken on purpose");
  }

  @Override
  public String name() {
    return "broken";
  }

  @Override
  public boolean supports(Map<String, ?> settings) {
    return true;
  }

  @Override
  public Tunnel open(Map<String, ?> settings, String targetHost, int targetPort) {
    throw new UnsupportedOperationException();
  }
}
