package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sink configured with pgdest's JSON converter for keys and values: the worker loads the
 * converter from the plugin archive (it is not on the test class path) and the rows land with
 * their logical types.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
@ExtendWith(ConnectClusterExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PgdestJsonConverterIT {
  private static final String CONVERTER = "dev.pgdest.connect.json.PgdestJsonConverter";
  private static final String VALUE_SCHEMA =
      "{\"type\":\"struct\",\"optional\":false,\"fields\":["
          + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
          + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
          + "{\"field\":\"amount\",\"type\":\"bytes\",\"optional\":true,"
          + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
          + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"12\"}},"
          + "{\"field\":\"day\",\"type\":\"int32\",\"optional\":true,"
          + "\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1}]}";

  static TestDestination dest;

  @Test
  void sinkReadsRecordsWithTheConverterFromThePluginArchive(EmbeddedConnectCluster connect) {
    assertThatThrownBy(() -> Class.forName(CONVERTER))
        .as("the converter must come from the plugin archive, not the test class path")
        .isInstanceOf(ClassNotFoundException.class);
    Response plugins = connect.requestGet(
        connect.endpointForResource("connector-plugins?connectorsOnly=false"));
    assertThat(String.valueOf(plugins.getEntity())).contains(CONVERTER);

    String topic = "converted";
    connect.kafka().createTopic(topic, 2);
    // amount 12.34 is unscaled 1234 = 0x04D2, base64 "BNI="; day 19000 is 2022-01-08.
    Topics.produce(connect, topic, 2, 2_000, i -> new Topics.Message(
        "{\"schema\":{\"type\":\"int64\",\"optional\":false},\"payload\":" + i + "}",
        "{\"schema\":" + VALUE_SCHEMA + ",\"payload\":{\"id\":" + i + ",\"name\":\"n" + i
            + "\",\"amount\":\"BNI=\",\"day\":19000}}"));
    Map<String, String> config = Sinks.config(dest, topic, 2);
    config.put("key.converter", CONVERTER);
    config.put("key.converter.schemas.enable", "true");
    config.put("value.converter", CONVERTER);
    config.put("value.converter.schemas.enable", "true");
    String name = "converted";
    try {
      connect.configureConnector(name, config);
      Sinks.awaitRunning(connect, name, 2);
      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(2), "every record checkpointed",
          () -> Sinks.checkpointed(dest, name, topic) == 2_000,
          () -> Sinks.checkpointed(dest, name, topic));
    } finally {
      Sinks.delete(connect, name);
    }
    assertThat(dest.rowCount(topic)).isEqualTo(2_000);
    assertThat(dest.queryValue("SELECT amount FROM converted WHERE id = 1999"))
        .isEqualTo(new BigDecimal("12.34"));
    assertThat(dest.queryValue("SELECT day FROM converted WHERE id = 7").toString())
        .isEqualTo(LocalDate.of(2022, 1, 8).toString());
    assertThat(dest.queryValue("SELECT count(*) FROM converted WHERE name = 'n' || id"))
        .isEqualTo(2_000L);
  }
}
