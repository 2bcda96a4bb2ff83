package dev.pgdest.connect;

import dev.pgdest.CheckReport;
import dev.pgdest.Destination;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * An exactly-once Kafka Connect sink into PostgreSQL on pgdest: rows land by binary COPY and a
 * staged merge, and each partition's offset is committed in the same transaction as its rows,
 * so that every record lands once, across restarts, rebalances and crashed workers. Keys are
 * documented in {@link PgdestSinkConfig}.
 *
 * <p>{@link #validate} runs pgdest's destination check (reachability, login, privileges, TEMP
 * tables) and reports each failed item on the key to change.
 *
 * <pre>{@code
 * {"name": "orders-to-pg", "config": {
 *   "connector.class": "dev.pgdest.connect.PgdestSinkConnector", "tasks.max": "4", "topics": "orders",
 *   "connection.host": "db.example.com", "connection.database": "analytics",
 *   "connection.schema": "acme_sync", "connection.user": "pgdest_writer", "connection.password": "..."}}
 * }</pre>
 *
 * <p>Instances are created and called by the worker, from one thread.
 */
public class PgdestSinkConnector extends SinkConnector {

  private Map<String, String> props;

  /** Created by the worker. */
  public PgdestSinkConnector() {}

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
    new SinkSettings(this.props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return PgdestSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      out.add(new HashMap<>(props));
    }
    return out;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return PgdestSinkConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    Map<String, ConfigValue> byName = new HashMap<>();
    for (ConfigValue v : config.configValues()) {
      byName.put(v.name(), v);
    }
    if (byName.values().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
      return config;
    }
    List<SinkSettings.Problem> problems = SinkSettings.problemsOf(connectorConfigs);
    for (SinkSettings.Problem p : problems) {
      byName.get(p.key()).addErrorMessage(p.message());
    }
    if (problems.isEmpty()) {
      check(connectorConfigs, byName);
    }
    return config;
  }

  /** Runs pgdest's check and puts each failed item on its keys. */
  private static void check(Map<String, String> configs, Map<String, ConfigValue> byName) {
    CheckReport report;
    try (Destination d = Destination.open(new SinkSettings(configs).destinationConfig())) {
      report = d.check();
    } catch (RuntimeException e) {
      // pgdest refused the configuration itself (a certificate file missing, a malformed key...).
      byName.get(PgdestSinkConfig.HOST).addErrorMessage("the destination cannot be opened: " + e.getMessage());
      return;
    }
    for (CheckReport.Item item : report.items()) {
      if (item.status() == CheckReport.Status.FAIL) {
        for (String key : CheckKeys.of(item)) {
          byName.get(key).addErrorMessage(CheckKeys.message(item));
        }
      }
    }
  }

  @Override
  public String version() {
    return Versions.pgdest();
  }
}
