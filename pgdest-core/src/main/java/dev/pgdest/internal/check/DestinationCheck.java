package dev.pgdest.internal.check;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Item;
import dev.pgdest.DestinationConfig;
import dev.pgdest.internal.tunnel.TunnelManager;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The setup page's permissions checklist, in the order a connection meets it: {@code credentials}
 * (a warning, only when it applies), {@code tunnel} (only with a tunnel), {@code reachable},
 * {@code authenticates}, {@code database}, {@code version}, {@code temporary}, {@code create},
 * {@code schema}, {@code round_trip}, {@code pooler}, {@code checkpoints} (the table sync sessions keep their
 * positions in). The first blocker stops the run; later items
 * are reported as not checked. The three privilege items are read together, so that one round
 * of GRANTs fixes them all.
 *
 * <p>Connects with its own, unpooled connection from the driver, so that a pool problem cannot
 * hide the real cause. Never throws for a problem it can explain.
 */
public final class DestinationCheck {
  private static final Logger LOG = LoggerFactory.getLogger(DestinationCheck.class);

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
    Checklist list = new Checklist();
    CredentialsCheck.check(config).ifPresent(list::add);
    if (tunnel != null) {
      list.add(TunnelCheck.check(tunnel, config));
    }
    Connection connection = new ConnectCheck(config, driver, tunnel != null).login(list);
    try {
      serverItems(list, connection);
    } finally {
      closeQuietly(connection);
    }
    CheckReport report = list.report();
    LOG.debug("Check of {}:{}/{} schema {}: {}", config.host(), config.port(), config.database(), config.schema(),
        report.isReady() ? "ready" : "not ready, " + report.firstFailure().map(Item::id).orElse("?") + " failed");
    return report;
  }

  private void serverItems(Checklist list, Connection connection) {
    PrivilegeCheck privileges = new PrivilegeCheck(config, connection);
    list.addUnlessBlocked(PrivilegeCheck.VERSION, PrivilegeCheck.versionTitle(), privileges::version);
    // The privileges are independent catalog reads: report them all, so one round of GRANTs fixes them.
    boolean blocked = list.blocked();
    addPrivilege(list, blocked, PrivilegeCheck.TEMPORARY, PrivilegeCheck.temporaryTitle(config), privileges::temporary);
    addPrivilege(list, blocked, PrivilegeCheck.CREATE, PrivilegeCheck.createTitle(config), privileges::create);
    addPrivilege(list, blocked, PrivilegeCheck.SCHEMA, PrivilegeCheck.schemaTitle(config), privileges::schema);
    SessionCheck session = new SessionCheck(connection);
    list.addUnlessBlocked(SessionCheck.ROUND_TRIP, SessionCheck.ROUND_TRIP_TITLE, session::roundTrip);
    list.addUnlessBlocked(SessionCheck.POOLER, SessionCheck.POOLER_TITLE, session::pooler);
    list.addUnlessBlocked(CheckpointCheck.CHECKPOINTS, CheckpointCheck.title(config),
        new CheckpointCheck(config, connection)::checkpoints);
  }

  private static void addPrivilege(Checklist list, boolean blocked, String id, String title,
      Checklist.ItemCheck check) {
    if (blocked) {
      list.skip(id, title);
    } else {
      list.addChecked(id, title, check);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("Closing the check's connection failed: {}", e.getMessage());
    }
  }
}
