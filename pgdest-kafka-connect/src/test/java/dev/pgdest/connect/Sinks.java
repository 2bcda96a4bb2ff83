package dev.pgdest.connect;

import dev.pgdest.DestinationConfig;
import dev.pgdest.testkit.TestDestination;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Connector configurations and waits for the ITs. The configuration keys are spelled out as a
 * user writes them: the connector's own classes are not on the test class path.
 */
final class Sinks {
  private Sinks() {}

  static final String CONNECTOR_CLASS = "dev.pgdest.connect.PgdestSinkConnector";

  /** A sink of {@code topics} into the destination as its seed writer (CREATE + TEMPORARY only). */
  static Map<String, String> config(TestDestination dest, String topics, int tasks) {
    DestinationConfig w = dest.writerConfig();
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", CONNECTOR_CLASS);
    c.put("tasks.max", Integer.toString(tasks));
    c.put("topics", topics);
    c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    c.put("key.converter.schemas.enable", "false");
    c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    c.put("value.converter.schemas.enable", "false");
    c.put("connection.host", w.host());
    c.put("connection.port", Integer.toString(w.port()));
    c.put("connection.database", w.database());
    c.put("connection.schema", w.schema());
    c.put("connection.user", w.username());
    c.put("connection.password", w.password().orElseThrow());
    c.put("connection.sslmode", "disable");
    // A sink task's consumer reads from the start of a topic it has no offsets for.
    c.put("consumer.override.auto.offset.reset", "earliest");
    return c;
  }

  /** Waits until the connector and exactly {@code tasks} tasks run. */
  static void awaitRunning(EmbeddedConnectCluster connect, String name, int tasks) {
    Await.until(Duration.ofSeconds(90), name + " running with " + tasks + " tasks", () -> {
      ConnectorStateInfo s = connect.connectorStatus(name);
      return "RUNNING".equals(s.connector().state()) && s.tasks().size() == tasks
          && s.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()));
    }, () -> describe(connect, name));
  }

  /** The connector's and its tasks' states, with the first lines of any failure's trace. */
  static String describe(EmbeddedConnectCluster connect, String name) {
    ConnectorStateInfo s = connect.connectorStatus(name);
    return s.connector().state() + " " + s.tasks().stream()
        .map(t -> t.id() + ":" + t.state() + (t.trace() == null ? "" : " " + t.trace().lines().limit(3).collect(Collectors.joining(" | "))))
        .collect(Collectors.joining(", "));
  }

  /** The failed tasks' traces. */
  static List<String> failedTraces(EmbeddedConnectCluster connect, String name) {
    return connect.connectorStatus(name).tasks().stream()
        .filter(t -> "FAILED".equals(t.state())).map(ConnectorStateInfo.TaskState::trace).toList();
  }

  /** Fails the test as soon as a task fails, else waits for {@code condition}. */
  static void awaitWhileHealthy(EmbeddedConnectCluster connect, String name, Duration timeout, String what,
                                java.util.function.BooleanSupplier condition, java.util.function.Supplier<?> state) {
    Await.until(timeout, what, () -> {
      List<String> failed = failedTraces(connect, name);
      if (!failed.isEmpty()) {
        throw new AssertionError("a task of " + name + " failed: " + failed.get(0));
      }
      return condition.getAsBoolean();
    }, state);
  }

  /**
   * The sum over the topic's partitions of the offsets the connector (its sync session, named
   * after it) stored in the checkpoint table: once it
   * equals the number of records produced, every record has landed and no further write comes.
   */
  static long checkpointed(TestDestination dest, String connector, String topic) {
    if (!dest.tableExists("_pgdest_checkpoints")) {
      return 0;
    }
    long sum = 0;
    for (Map<String, Object> row : dest.query("SELECT * FROM _pgdest_checkpoints")) {
      Object key = row.get("key");
      Object sync = row.get("sync_name");
      if (key instanceof String k && k.startsWith(topic + "/") && (sync == null || connector.equals(sync))) {
        sum += Long.parseLong(String.valueOf(row.get("position")));
      }
    }
    return sum;
  }

  /** Deletes the connector if it exists; tests leave the shared cluster as they found it. */
  static void delete(EmbeddedConnectCluster connect, String name) {
    if (connect.connectors().contains(name)) {
      connect.deleteConnector(name);
    }
  }
}
