package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schemaless JSON whose shape changes mid-stream: a field appears and a whole-number field gets
 * fractions. The table gains the column and widens to numeric while the records flow; soft
 * deletes keep deleted keys with their deletion time.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
@ExtendWith(ConnectClusterExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchemaEvolutionIT {
  static TestDestination dest;

  @Test
  void addsColumnsAndWidensTypesAsRecordsChange(EmbeddedConnectCluster connect) {
    String topic = "evolving";
    connect.kafka().createTopic(topic, 1);
    Topics.produce(connect, topic, 1, 3_000, i -> new Topics.Message(Integer.toString(i),
        i < 1_000 ? "{\"id\":" + i + ",\"n\":" + i + "}"
            : i < 2_000 ? "{\"id\":" + i + ",\"n\":" + i + ",\"label\":\"l" + i + "\"}"
            : "{\"id\":" + i + ",\"n\":" + i + ".5,\"label\":\"l" + i + "\"}"));
    String name = "evolving";
    try {
      connect.configureConnector(name, Sinks.config(dest, topic, 1));
      Sinks.awaitRunning(connect, name, 1);
      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(2), "every record checkpointed",
          () -> Sinks.checkpointed(dest, name, topic) == 3_000, () -> Sinks.checkpointed(dest, name, topic));
    } finally {
      Sinks.delete(connect, name);
    }
    assertThat(dest.rowCount(topic)).isEqualTo(3_000);
    assertThat(dest.queryValue("SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() "
        + "AND table_name = 'evolving' AND column_name = 'n'")).isEqualTo("numeric");
    assertThat(dest.queryValue("SELECT count(label) FROM evolving")).isEqualTo(2_000L);
    assertThat(dest.queryValue("SELECT n FROM evolving WHERE id = 2500")).isEqualTo(new BigDecimal("2500.5"));
  }

  @Test
  void softDeletesKeepTheRowWithItsDeletionTime(EmbeddedConnectCluster connect) {
    String topic = "soft";
    connect.kafka().createTopic(topic, 2);
    Topics.produce(connect, topic, 2, 1_000,
        i -> new Topics.Message(Integer.toString(i), "{\"id\":" + i + ",\"v\":\"x" + i + "\"}"));
    Map<String, String> config = Sinks.config(dest, topic, 2);
    config.put("delete.mode", "soft");
    String name = "soft";
    try {
      connect.configureConnector(name, config);
      Sinks.awaitRunning(connect, name, 2);
      // The rows land first: a soft delete marks a stored row (an upsert and a delete of a key in
      // one unit reduce to the delete, which then finds no row to mark).
      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(2), "the rows landed",
          () -> Sinks.checkpointed(dest, name, topic) == 1_000, () -> Sinks.checkpointed(dest, name, topic));
      Topics.produce(connect, topic, 2, 1_000, 200, i -> new Topics.Message(Integer.toString(i - 1_000), null));
      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(2), "every record checkpointed",
          () -> Sinks.checkpointed(dest, name, topic) == 1_200, () -> Sinks.checkpointed(dest, name, topic));
    } finally {
      Sinks.delete(connect, name);
    }
    assertThat(dest.rowCount(topic)).isEqualTo(1_000);
    assertThat(dest.queryValue("SELECT count(*) FROM soft WHERE _deleted_at IS NOT NULL")).isEqualTo(200L);
    assertThat(dest.queryValue("SELECT count(*) FROM soft WHERE _deleted_at IS NOT NULL AND id >= 200")).isEqualTo(0L);
  }
}
