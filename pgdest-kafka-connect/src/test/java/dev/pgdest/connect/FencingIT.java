package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.SyncSession;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A task whose partition is claimed by someone else (here a session opened under the
 * connector's name, as a newer owner after a rebalance would) is fenced: its commit lands
 * nothing, it gives that partition up without failing and keeps landing its other one; restarted,
 * it claims the partition back and resumes from the stored offset, so every record lands once.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
@ExtendWith(ConnectClusterExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FencingIT {
  static TestDestination dest;

  @Test
  void fencedTaskGivesThePartitionUpAndResumesItAfterARestart(EmbeddedConnectCluster connect) {
    String topic = "fenced";
    String name = "fenced";
    connect.kafka().createTopic(topic, 2);
    java.util.function.IntFunction<Topics.Message> message =
        i -> new Topics.Message(null, "{\"seq\":" + i + "}", i % 2);
    Topics.produce(connect, topic, 2, 0, 10_000, message);
    Map<String, String> config = Sinks.config(dest, topic, 1);
    config.put("key.mode", "none");
    config.put("insert.mode", "append");
    try (Destination d = dest.openDestination()) {
      connect.configureConnector(name, config);
      Sinks.awaitRunning(connect, name, 1);
      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(1), "the first records checkpointed",
          () -> Sinks.checkpointed(dest, name, topic) == 10_000, () -> Sinks.checkpointed(dest, name, topic));

      try (SyncSession thief = d.openSync(name)) {
        assertThat(thief.claim(topic + "/0")).containsEntry(topic + "/0", "5000");
        Topics.produce(connect, topic, 2, 10_000, 10_000, message);
        Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(1), "partition 1 checkpointed to its end",
            () -> Sinks.checkpointed(dest, name, topic) == 15_000, () -> Sinks.checkpointed(dest, name, topic));
        assertThat(dest.rowCount(topic)).as("nothing of the fenced partition landed").isEqualTo(15_000);
        assertThat(Sinks.failedTraces(connect, name)).as("a fence is no task failure").isEmpty();
      }

      connect.restartTask(name, 0);
      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(1), "every record checkpointed after the restart",
          () -> Sinks.checkpointed(dest, name, topic) == 20_000, () -> Sinks.checkpointed(dest, name, topic));
    } finally {
      Sinks.delete(connect, name);
    }
    assertThat(dest.queryValue("SELECT count(*) FROM fenced")).as("no record doubled").isEqualTo(20_000L);
    assertThat(dest.queryValue("SELECT count(DISTINCT seq) FROM fenced")).as("no record lost").isEqualTo(20_000L);
  }
}
