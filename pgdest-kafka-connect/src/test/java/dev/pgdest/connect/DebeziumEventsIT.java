package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Debezium change events as Debezium's Postgres connector writes them (JSON with schemas: the
 * envelope, Decimal, MicroTimestamp and Uuid fields, a tombstone after each delete), read
 * natively, without an SMT: the table matches a model of the source table.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
@ExtendWith(ConnectClusterExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DebeziumEventsIT {
  static TestDestination dest;

  private static final String ROW = "{\"type\":\"struct\",\"optional\":true,\"name\":\"pg.public.customers.Value\",\"fields\":["
      + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
      + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
      + "{\"field\":\"balance\",\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\","
      + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"12\"}},"
      + "{\"field\":\"updated_at\",\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\"},"
      + "{\"field\":\"uid\",\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Uuid\"}]}";
  private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"name\":\"pg.public.customers.Envelope\",\"fields\":["
      + "{\"field\":\"before\"," + ROW.substring(1) + ","
      + "{\"field\":\"after\"," + ROW.substring(1) + ","
      + "{\"field\":\"source\",\"type\":\"struct\",\"optional\":false,\"fields\":["
      + "{\"field\":\"lsn\",\"type\":\"int64\",\"optional\":true},{\"field\":\"ts_ms\",\"type\":\"int64\",\"optional\":false}]},"
      + "{\"field\":\"op\",\"type\":\"string\",\"optional\":false},"
      + "{\"field\":\"ts_ms\",\"type\":\"int64\",\"optional\":true}]}";
  private static final String KEY_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"name\":\"pg.public.customers.Key\","
      + "\"fields\":[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false}]}";

  /** A source row. */
  private record Customer(long id, String name, BigDecimal balance, long micros, String uid) {
    String json() {
      return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"balance\":" + balance.toPlainString()
          + ",\"updated_at\":" + micros + ",\"uid\":\"" + uid + "\"}";
    }
  }

  @Test
  void createUpdateDeleteAndTombstonesMatchTheModel(EmbeddedConnectCluster connect) {
    String topic = "pg.public.customers";
    connect.kafka().createTopic(topic, 3);
    Random random = new Random(42);
    Map<Long, Customer> model = new TreeMap<>();
    List<Topics.Message> events = new ArrayList<>();
    long lsn = 1_000;
    for (int i = 0; i < 3_000; i++) {
      long id = random.nextInt(300);
      Customer before = model.get(id);
      String key = "{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}";
      lsn += 1 + random.nextInt(5);
      if (before != null && random.nextInt(4) == 0) {
        events.add(new Topics.Message(key, envelope("d", before.json(), "null", lsn)));
        events.add(new Topics.Message(key, null));
        model.remove(id);
      } else {
        Customer after = new Customer(id, "name-" + i, BigDecimal.valueOf(random.nextInt(1_000_000), 2),
            1_700_000_000_000_000L + i, new java.util.UUID(id, i).toString());
        events.add(new Topics.Message(key, envelope(before == null ? "c" : "u", before == null ? "null" : before.json(), after.json(), lsn)));
        model.put(id, after);
      }
    }
    Topics.produce(connect, topic, 3, events.size(), events::get);

    Map<String, String> config = Sinks.config(dest, topic, 3);
    config.put("key.converter.schemas.enable", "true");
    config.put("value.converter.schemas.enable", "true");
    config.put("value.converter.decimal.format", "NUMERIC");
    config.put("table.name.format", "customers");
    config.put("version.column", "source.lsn");
    String name = "debezium-events";
    try {
      connect.configureConnector(name, config);
      Sinks.awaitRunning(connect, name, 3);
      Sinks.awaitWhileHealthy(connect, name, Duration.ofMinutes(2), "every event checkpointed",
          () -> Sinks.checkpointed(dest, name, topic) == events.size(), () -> Sinks.checkpointed(dest, name, topic));
    } finally {
      Sinks.delete(connect, name);
    }

    List<Map<String, Object>> rows = dest.query(
        "SELECT id, name, balance, (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at, uid::text AS uid "
            + "FROM customers ORDER BY id");
    List<Map<String, Object>> expected = new ArrayList<>();
    for (Customer c : model.values()) {
      expected.add(Map.of("id", c.id(), "name", c.name(), "balance", c.balance(),
          "updated_at", c.micros(),
          "uid", c.uid()));
    }
    assertThat(rows).as("the table equals the model, deleted keys gone").containsExactlyElementsOf(expected);
    assertThat(dest.query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        + "AND table_name = 'customers' AND column_name = '_source_lsn'")).hasSize(1);
  }

  private static String envelope(String op, String before, String after, long lsn) {
    return "{\"schema\":" + VALUE_SCHEMA + ",\"payload\":{\"before\":" + before + ",\"after\":" + after
        + ",\"source\":{\"lsn\":" + lsn + ",\"ts_ms\":" + (1_700_000_000_000L + lsn) + "},\"op\":\"" + op
        + "\",\"ts_ms\":" + (1_700_000_000_000L + lsn) + "}}";
  }
}
