package dev.pgdest.connect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** Produces test records fast: one batched producer, keys and values as UTF-8 text. */
final class Topics {
  private Topics() {}

  /**
   * A record to produce.
   *
   * @param key the key text, or null
   * @param value the value text, or null for a tombstone
   * @param partition the partition, or null for the key's
   */
  record Message(String key, String value, Integer partition) {
    Message(String key, String value) {
      this(key, value, null);
    }
  }

  /** Produces {@code count} messages and waits until the broker acknowledged all of them. */
  static void produce(EmbeddedConnectCluster connect, String topic, int partitions, int count, IntFunction<Message> message) {
    produce(connect, topic, partitions, 0, count, message);
  }

  /** As {@link #produce(EmbeddedConnectCluster, String, int, int, IntFunction)}, numbering from {@code from}. */
  static void produce(EmbeddedConnectCluster connect, String topic, int partitions, int from, int count,
                      IntFunction<Message> message) {
    Map<String, Object> props = Map.of(
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
        ProducerConfig.ACKS_CONFIG, "all",
        // Not idempotent: right after a topic is created the broker may answer NOT_LEADER once,
        // and an idempotent producer can then loop on OUT_OF_ORDER_SEQUENCE_NUMBER. One request in
        // flight keeps the order across retries instead.
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(props)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        Message m = message.apply(i);
        Integer partition = m.partition() != null ? m.partition() : (m.key() == null ? i % partitions : null);
        sent.add(producer.send(new ProducerRecord<>(topic, partition, bytes(m.key()), bytes(m.value()))));
        if (sent.size() >= 10_000) {
          await(sent);
        }
      }
      producer.flush();
      await(sent);
    }
  }

  private static void await(List<Future<RecordMetadata>> sent) {
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
      sent.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker did not acknowledge a record", e);
    }
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
