package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records the sink cannot land: with {@code errors.tolerance=all} they reach the dead-letter
 * topic with Connect's error headers and every other record lands; with {@code none} the task
 * fails with a message naming topic, partition, offset and column.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
@ExtendWith(ConnectClusterExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ErrantRecordsIT {
  static TestDestination dest;

  private static final String SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
      + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
      + "{\"field\":\"n\",\"type\":\"int64\",\"optional\":true},"
      + "{\"field\":\"ts\",\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\"}]}";

  /** Every 100th record has a timestamp past PostgreSQL's range (the year 318,857); 7 are not JSON. */
  private static Topics.Message message(int i) {
    String key = Integer.toString(i);
    if (i % 100 == 50) {
      return new Topics.Message(key, "{\"schema\":" + SCHEMA + ",\"payload\":{\"id\":" + i + ",\"n\":1,\"ts\":10000000000000000}}", 0);
    }
    if (i % 150 == 7) {
      return new Topics.Message(key, "not json " + i, 0);
    }
    return new Topics.Message(key, "{\"schema\":" + SCHEMA + ",\"payload\":{\"id\":" + i + ",\"n\":" + i + ",\"ts\":" + (i * 1000L) + "}}", 0);
  }

  private static Map<String, String> config(String topic) {
    Map<String, String> c = Sinks.config(dest, topic, 1);
    c.put("value.converter.schemas.enable", "true");
    return c;
  }

  @Test
  void toleranceAllSendsRefusedRecordsToTheDeadLetterTopicAndLandsTheRest(EmbeddedConnectCluster connect) {
    String topic = "errant_all";
    String dlq = "errant_all_dlq";
    int records = 1_000;
    int badValues = 10;
    int notJson = 7;
    connect.kafka().createTopic(topic, 1);
    connect.kafka().createTopic(dlq, 1);
    Topics.produce(connect, topic, 1, records, ErrantRecordsIT::message);
    Map<String, String> c = config(topic);
    c.put("errors.tolerance", "all");
    c.put("errors.deadletterqueue.topic.name", dlq);
    c.put("errors.deadletterqueue.topic.replication.factor", "1");
    c.put("errors.deadletterqueue.context.headers.enable", "true");
    String name = "errant-all";
    try {
      connect.configureConnector(name, c);
      Sinks.awaitRunning(connect, name, 1);
      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(2), "every record checkpointed",
          () -> Sinks.checkpointed(dest, name, topic) == records, () -> Sinks.checkpointed(dest, name, topic));
    } finally {
      Sinks.delete(connect, name);
    }
    assertThat(dest.rowCount(topic)).isEqualTo(records - badValues - notJson);

    ConsumerRecords<byte[], byte[]> dead = connect.kafka().consume(badValues + notJson, 60_000, dlq);
    List<String> messages = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      assertThat(header(r, "__connect.errors.topic")).isEqualTo(topic);
      assertThat(header(r, "__connect.errors.partition")).isEqualTo("0");
      assertThat(header(r, "__connect.errors.offset")).isNotNull();
      messages.add(header(r, "__connect.errors.exception.message"));
    }
    assertThat(messages).hasSize(badValues + notJson);
    assertThat(messages.stream().filter(m -> m != null && m.contains("column \"ts\"")))
        .as("the sink's refusals name the column").hasSize(badValues);
    assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain("10000000000000000"));
  }

  @Test
  void toleranceNoneFailsTheTaskNamingTopicPartitionOffsetAndColumn(EmbeddedConnectCluster connect) {
    String topic = "errant_none";
    connect.kafka().createTopic(topic, 1);
    Topics.produce(connect, topic, 1, 60, i -> i == 7 ? message(8) : message(i));
    String name = "errant-none";
    try {
      connect.configureConnector(name, config(topic));
      Await.until(Duration.ofSeconds(90), "the task failed", () -> !Sinks.failedTraces(connect, name).isEmpty(),
          () -> Sinks.describe(connect, name));
      String trace = Sinks.failedTraces(connect, name).get(0);
      assertThat(trace).contains("topic errant_none, partition 0, offset 50").contains("column \"ts\"")
          .doesNotContain("10000000000000000");
    } finally {
      Sinks.delete(connect, name);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
