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

/**
 * Four tasks upsert the same 500 keys into one table at once (every key sits in every
 * partition), the case where row-wise JDBC sinks deadlock: no task fails, and with the record's
 * sequence number as the version column the newest change of each key wins.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
@ExtendWith(ConnectClusterExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OverlappingKeysIT {
  static TestDestination dest;

  @Test
  void fourTasksOnTheSameKeysNeitherDeadlockNorFail(EmbeddedConnectCluster connect) {
    String topic = "overlap";
    int records = 40_000;
    int keys = 500;
    connect.kafka().createTopic(topic, 4);
    Topics.produce(connect, topic, 4, records,
        i -> new Topics.Message(Integer.toString(i % keys), "{\"id\":" + (i % keys) + ",\"seq\":" + i + "}", i % 4));
    Map<String, String> config = Sinks.config(dest, topic, 4);
    config.put("version.column", "seq");
    // Small units, so that the four tasks' commits interleave many times.
    config.put("commit.size.bytes", "16384");
    String name = "overlap";
    try {
      connect.configureConnector(name, config);
      Sinks.awaitRunning(connect, name, 4);
      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(3), "every record checkpointed",
          () -> Sinks.checkpointed(dest, name, topic) == records, () -> Sinks.checkpointed(dest, name, topic));
      assertThat(Sinks.failedTraces(connect, name)).isEmpty();
    } finally {
      Sinks.delete(connect, name);
    }
    assertThat(dest.rowCount(topic)).isEqualTo(keys);
    assertThat(dest.queryValue("SELECT count(*) FROM overlap WHERE seq <> ? + id", records - keys))
        .as("the newest version of every key").isEqualTo(0L);
  }
}
