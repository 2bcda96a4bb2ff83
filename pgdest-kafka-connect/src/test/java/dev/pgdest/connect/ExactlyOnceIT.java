package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 200,000 records over 4 partitions into 4 tasks on 2 workers, while one worker is stopped
 * mid-stream and started again and the connector is deleted and created again: the table ends
 * up equal to the topic's last state per key (upsert), or holding each record exactly once
 * (append). Rows and offsets commit in one transaction, so no restart loses or doubles a record.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
@ExtendWith(ConnectClusterExtension.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ExactlyOnceIT {
  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceIT.class);
  private static final int PARTITIONS = 4;
  private static final int RECORDS = 200_000;
  private static final int KEYS = 50_000;

  static TestDestination dest;

  @Test
  void upsertHoldsTheLastStatePerKeyAcrossWorkerRestartAndConnectorRecreation(EmbeddedConnectCluster connect) {
    String topic = "eo_upsert";
    Map<String, String> config = Sinks.config(dest, topic, PARTITIONS);
    config.put("key.mode", "record_key");
    config.put("insert.mode", "upsert");
    runWithDisruptions(connect, "eo-upsert", topic, config,
        i -> new Topics.Message(Integer.toString(i % KEYS), "{\"id\":" + (i % KEYS) + ",\"seq\":" + i + ",\"note\":\"n" + i + "\"}"),
        () -> ((Number) dest.queryValue("SELECT count(*) FILTER (WHERE seq = ? + id) FROM eo_upsert", RECORDS - KEYS)).longValue() == KEYS,
        () -> dest.query("SELECT count(*) AS rows, count(*) FILTER (WHERE seq = " + (RECORDS - KEYS) + " + id) AS last FROM eo_upsert"));

    assertThat(dest.rowCount("eo_upsert")).as("one row per key").isEqualTo(KEYS);
    assertThat(dest.queryValue("SELECT count(*) FROM eo_upsert WHERE note <> 'n' || seq")).isEqualTo(0L);
  }

  @Test
  void appendHoldsEachRecordExactlyOnceAcrossWorkerRestartAndConnectorRecreation(EmbeddedConnectCluster connect) {
    String topic = "eo_append";
    Map<String, String> config = Sinks.config(dest, topic, PARTITIONS);
    config.put("key.mode", "none");
    config.put("insert.mode", "append");
    runWithDisruptions(connect, "eo-append", topic, config,
        i -> new Topics.Message(null, "{\"seq\":" + i + ",\"note\":\"n" + i + "\"}", i % PARTITIONS),
        () -> dest.rowCount("eo_append") >= RECORDS,
        () -> dest.query("SELECT count(*) AS rows, count(DISTINCT seq) AS distinct_seq FROM eo_append"));

    assertThat(dest.queryValue("SELECT count(*) FROM eo_append")).as("no record doubled").isEqualTo((long) RECORDS);
    assertThat(dest.queryValue("SELECT count(DISTINCT seq) FROM eo_append")).as("no record lost").isEqualTo((long) RECORDS);
  }

  private static void runWithDisruptions(EmbeddedConnectCluster connect, String name, String topic, Map<String, String> config,
                                         java.util.function.IntFunction<Topics.Message> message,
                                         java.util.function.BooleanSupplier done, java.util.function.Supplier<?> state) {
    connect.kafka().createTopic(topic, PARTITIONS);
    try {
      Topics.produce(connect, topic, PARTITIONS, 0, 100_000, message);
      connect.configureConnector(name, config);
      Sinks.awaitRunning(connect, name, PARTITIONS);
      Await.until(Duration.ofSeconds(120), "first rows in " + topic, () -> dest.tableExists(topic) && dest.rowCount(topic) > 0);

      Topics.produce(connect, topic, PARTITIONS, 100_000, 50_000, message);
      LOG.info("{}: stopping a worker mid-stream", name);
      connect.removeWorker();
      Sinks.awaitRunning(connect, name, PARTITIONS);
      LOG.info("{}: starting the worker again", name);
      connect.addWorker();
      Await.until(Duration.ofSeconds(60), "two workers", () -> connect.healthyWorkers().size() == 2);
      Sinks.awaitRunning(connect, name, PARTITIONS);

      LOG.info("{}: deleting the connector", name);
      connect.deleteConnector(name);
      Await.until(Duration.ofSeconds(60), name + " deleted", () -> !connect.connectors().contains(name));
      Topics.produce(connect, topic, PARTITIONS, 150_000, RECORDS - 150_000, message);
      LOG.info("{}: creating the connector again", name);
      connect.configureConnector(name, config);
      Sinks.awaitRunning(connect, name, PARTITIONS);

      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(4), "all " + RECORDS + " records in " + topic, done, state);
      Sinks.awaitWhileHealthy(connect, name, Duration.ofSeconds(60), "every offset of " + topic + " checkpointed",
          () -> Sinks.checkpointed(dest, name, topic) == RECORDS, () -> Sinks.checkpointed(dest, name, topic));
    } finally {
      Sinks.delete(connect, name);
    }
  }
}
