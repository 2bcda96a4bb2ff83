package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself: the in-process cluster carries records, and the workers see the plugin. */
@ExtendWith(ConnectClusterExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterSmokeIT {

  @Test
  void producesAndConsumes(EmbeddedConnectCluster connect) {
    connect.kafka().createTopic("smoke", 2);
    Topics.produce(connect, "smoke", 2, 1_000, i -> new Topics.Message("k" + i, "{\"n\":" + i + "}"));
    ConsumerRecords<byte[], byte[]> records = connect.kafka().consume(1_000, 60_000, "smoke");
    assertThat(records.count()).isEqualTo(1_000);
    assertThat(new String(records.iterator().next().value(), StandardCharsets.UTF_8)).startsWith("{\"n\":");
  }

  @Test
  void workersLoadTheSinkFromPluginPathOnly(EmbeddedConnectCluster connect) {
    assertThatThrownBy(() -> Class.forName("dev.pgdest.connect.PgdestSinkConnector"))
        .as("the connector must come from the plugin archive, not the test class path")
        .isInstanceOf(ClassNotFoundException.class);
    Response plugins = connect.requestGet(connect.endpointForResource("connector-plugins"));
    assertThat(String.valueOf(plugins.getEntity())).contains("dev.pgdest.connect.PgdestSinkConnector");
  }
}
