package dev.pgdest.bench;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.TestDestination;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The same topic of JSON records with schemas (9 mixed columns) drained into PostgreSQL by
 * pgdest's sink and by Debezium's JDBC sink (both upserting, 4 tasks, one in-process worker and
 * broker), against pgdest's own {@link TableWriter} loading the same rows directly. Each figure
 * is the time from creating the connector (or opening the writer) until every row is in its
 * table; the report gives medians over the runs and the ratios. Usage:
 * {@code ConnectSinkBenchmark <plugin-path> [rows] [runs] [only] [flush-ms] [commit-bytes]}, the plugin path holding the
 * unpacked archive of pgdest-kafka-connect.
 */
public final class ConnectSinkBenchmark {
  private static final String TOPIC = "bench_rows";
  private static final String SCHEMALESS_TOPIC = "bench_rows_schemaless";
  private static final int PARTITIONS = 4;
  private static final String SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"name\":\"bench.Row\",\"fields\":["
      + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
      + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
      + "{\"field\":\"amount\",\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\","
      + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"12\"}},"
      + "{\"field\":\"qty\",\"type\":\"int32\",\"optional\":true},"
      + "{\"field\":\"price\",\"type\":\"double\",\"optional\":true},"
      + "{\"field\":\"active\",\"type\":\"boolean\",\"optional\":true},"
      + "{\"field\":\"created\",\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\"},"
      + "{\"field\":\"day\",\"type\":\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Date\"},"
      + "{\"field\":\"note\",\"type\":\"string\",\"optional\":true}]}";
  private static final String KEY_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"name\":\"bench.Key\","
      + "\"fields\":[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false}]}";
  private static final long BASE_MILLIS = 1_700_000_000_000L;
  /** As EmbeddedKafkaCluster sets it (a broker's default is 3000): consumer groups form at once. */
  private static final String BROKER_REBALANCE_DELAY_MS = "0";
  private static final String OUR_CONVERTER = "dev.pgdest.connect.json.PgdestJsonConverter";
  static final String DIRECT = "pgdest TableWriter, direct";
  static final String PGDEST = "pgdest sink + JsonConverter";
  static final String PGDEST_OURS = "pgdest sink + pgdest converter";
  static final String DEBEZIUM = "Debezium sink + JsonConverter";
  static final String DEBEZIUM_OURS = "Debezium sink + pgdest converter";
  static final String JSON_ALONE = "JsonConverter alone, 1 thread";
  static final String OURS_ALONE = "pgdest converter alone, 1 thread";

  /** pgdest's commit.size.bytes, or null for the connector's default. */
  private static String commitBytes;

  private ConnectSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path pluginPath = Path.of(args[0]);
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String only = args.length > 3 ? args[3] : "";
    String flushMs = args.length > 4 && !args[4].isBlank() ? args[4] : "1000";
    commitBytes = args.length > 5 && !args[5].isBlank() ? args[5] : null;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
         TestDestination dest = TestDestination.create(server, "bench")) {
      EmbeddedConnectCluster connect = cluster(pluginPath, flushMs);
      connect.start();
      try {
        connect.kafka().createTopic(TOPIC, PARTITIONS);
        long produced = System.nanoTime();
        produce(connect, TOPIC, rows, true);
        System.out.printf("produced %,d records in %.1f s%n", rows, seconds(produced));
        if (named(only, "schemaless")) {
          connect.kafka().createTopic(SCHEMALESS_TOPIC, PARTITIONS);
          produce(connect, SCHEMALESS_TOPIC, rows, false);
        }
        try (Destination d = dest.openDestination()) {
          d.ensureSchema();
        }
        Map<String, List<Double>> results = new LinkedHashMap<>();
        Map<String, List<Double>> firstRows = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
          if (wanted(only, "direct")) {
            results.computeIfAbsent(DIRECT, k -> new ArrayList<>()).add(direct(dest, rows, run));
          }
          if (wanted(only, "pgdest")) {
            String t = "pgdest_sink_" + run;
            sinkCase(results, firstRows, PGDEST, connect, dest, t, pgdestConfig(dest, t), rows);
          }
          if (wanted(only, "pgdest-ours")) {
            String t = "pgdest_ours_" + run;
            sinkCase(results, firstRows, PGDEST_OURS, connect, dest, t, ours(pgdestConfig(dest, t)), rows);
          }
          if (wanted(only, "debezium")) {
            String t = "debezium_sink_" + run;
            sinkCase(results, firstRows, DEBEZIUM, connect, dest, t, debeziumConfig(dest, t), rows);
          }
          if (wanted(only, "debezium-ours")) {
            String t = "debezium_ours_" + run;
            sinkCase(results, firstRows, DEBEZIUM_OURS, connect, dest, t, ours(debeziumConfig(dest, t)), rows);
          }
          if (named(only, "schemaless")) {
            Map<String, String> c = pgdestConfig(dest, "pgdest_schemaless_" + run);
            c.put("topics", SCHEMALESS_TOPIC);
            c.put("key.converter.schemas.enable", "false");
            c.put("value.converter.schemas.enable", "false");
            sinkCase(results, firstRows, "pgdest sink, schemaless JSON", connect, dest,
                "pgdest_schemaless_" + run, c, rows);
          }
        }
        if (wanted(only, "converter")) {
          // After the sinks: its million arrays would otherwise burden the worker's heap.
          ConverterAlone alone = new ConverterAlone(pluginPath, rows);
          for (int run = 0; run < runs; run++) {
            results.computeIfAbsent(JSON_ALONE, k -> new ArrayList<>()).add(alone.json(true));
            results.computeIfAbsent(OURS_ALONE, k -> new ArrayList<>()).add(alone.ours(true));
            results.computeIfAbsent("JsonConverter alone, schemaless", k -> new ArrayList<>()).add(alone.json(false));
            results.computeIfAbsent("pgdest's converter alone, schemaless", k -> new ArrayList<>()).add(alone.ours(false));
          }
        }
        System.out.printf("%nworker offset.flush.interval.ms=%s; the embedded broker's group.initial.rebalance.delay.ms=%s;"
            + " pgdest's commit.size.bytes=%s%n", flushMs, BROKER_REBALANCE_DELAY_MS,
            commitBytes == null ? "(default)" : commitBytes);
        ConnectReport.print(rows, PARTITIONS, results, firstRows);
      } finally {
        connect.stop();
      }
    }
  }

  private static boolean wanted(String only, String name) {
    return only.isBlank() || named(only, name);
  }

  /** The cases that run only when named. */
  private static boolean named(String only, String name) {
    return List.of(only.split(",")).contains(name);
  }

  private static EmbeddedConnectCluster cluster(Path pluginPath, String flushMs) {
    Map<String, String> workerProps = new HashMap<>();
    workerProps.put("plugin.path", pluginPath.toString());
    // pgdest's sink commits rows and offsets at each flush (or past commit.size.bytes).
    workerProps.put("offset.flush.interval.ms", flushMs);
    Properties brokerProps = new Properties();
    brokerProps.put("auto.create.topics.enable", "false");
    brokerProps.put("group.initial.rebalance.delay.ms", BROKER_REBALANCE_DELAY_MS);
    return new EmbeddedConnectCluster.Builder().name("bench").numWorkers(1).numBrokers(1)
        .workerProps(workerProps).brokerProps(brokerProps).build();
  }

  static byte[] key(int i, boolean schemas) {
    String payload = "{\"id\":" + i + "}";
    return (schemas ? "{\"schema\":" + KEY_SCHEMA + ",\"payload\":" + payload + "}" : payload).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] value(int i, boolean schemas) {
    String payload = "{\"id\":" + i + ",\"name\":\"name-" + i + "\",\"amount\":" + amount(i).toPlainString() + ",\"qty\":"
        + (i % 1000) + ",\"price\":" + price(i) + ",\"active\":" + (i % 2 == 0) + ",\"created\":" + (BASE_MILLIS + i * 1000L)
        + ",\"day\":" + (19_000 + i % 3650) + ",\"note\":\"" + note(i) + "\"}";
    return (schemas ? "{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}" : payload).getBytes(StandardCharsets.UTF_8);
  }

  private static void produce(EmbeddedConnectCluster connect, String topic, int rows, boolean schemas) throws Exception {
    // Not idempotent: a new topic's first NOT_LEADER answer can leave an idempotent producer
    // looping on OUT_OF_ORDER_SEQUENCE_NUMBER; one request in flight keeps the order instead.
    Map<String, Object> props = Map.of(ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(props)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        sent.add(producer.send(new ProducerRecord<>(topic, i % PARTITIONS, key(i, schemas), value(i, schemas))));
        if (sent.size() == 50_000) {
          for (Future<RecordMetadata> f : sent) {
            f.get(60, TimeUnit.SECONDS);
          }
          sent.clear();
        }
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
  }

  private static BigDecimal amount(int i) {
    return BigDecimal.valueOf(i % 10_000_000, 2);
  }

  private static double price(int i) {
    return i * 0.25;
  }

  private static String note(int i) {
    return "note for row " + i + " of the benchmark";
  }

  private static double direct(TestDestination dest, int rows, int run) {
    TableSpec spec = TableSpec.builder("direct_" + run).column("id", PgType.BIGINT).column("name", PgType.TEXT)
        .column("amount", PgType.numeric(12, 2)).column("qty", PgType.INTEGER).column("price", PgType.DOUBLE)
        .column("active", PgType.BOOLEAN).column("created", PgType.TIMESTAMP).column("day", PgType.DATE)
        .column("note", PgType.TEXT).primaryKey("id").build();
    long start = System.nanoTime();
    try (Destination d = dest.openDestination(dest.writerConfig()); TableWriter w = d.writer(spec, WriteMode.UPSERT)) {
      for (int i = 0; i < rows; i++) {
        w.write((long) i, "name-" + i, amount(i), i % 1000, price(i), i % 2 == 0,
            LocalDateTime.ofEpochSecond((BASE_MILLIS + i * 1000L) / 1000, 0, ZoneOffset.UTC),
            LocalDate.ofEpochDay(19_000 + i % 3650), note(i));
      }
      w.commit();
    }
    double s = seconds(start);
    check(dest, "direct_" + run, rows);
    System.out.printf("pgdest TableWriter, direct: %.1f s%n", s);
    return s;
  }

  private static void sinkCase(Map<String, List<Double>> results, Map<String, List<Double>> firstRows, String name,
                               EmbeddedConnectCluster connect, TestDestination dest, String table,
                               Map<String, String> config, int rows) throws InterruptedException {
    double[] r = sink(connect, dest, table, config, rows);
    results.computeIfAbsent(name, k -> new ArrayList<>()).add(r[0]);
    firstRows.computeIfAbsent(name, k -> new ArrayList<>()).add(r[1]);
    firstRows.computeIfAbsent(name + ConnectReport.CPU, k -> new ArrayList<>()).add(r[2]);
  }

  /** The configuration with pgdest's converter, from its plugin, for keys and values. */
  private static Map<String, String> ours(Map<String, String> config) {
    config.put("key.converter", OUR_CONVERTER);
    config.put("value.converter", OUR_CONVERTER);
    return config;
  }

  /**
   * The seconds until every row landed, until the first ones did, and the CPU seconds this JVM (the
   * worker and the broker; the PostgreSQL server runs apart) spent meanwhile.
   */
  private static double[] sink(EmbeddedConnectCluster connect, TestDestination dest, String table, Map<String, String> config,
                               int rows) throws InterruptedException {
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    connect.configureConnector(table, config);
    long deadline = start + TimeUnit.MINUTES.toNanos(30);
    long seen = 0;
    long first = 0;
    try {
      while (seen < rows) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(table + ": only " + seen + " of " + rows + " rows after 30 minutes");
        }
        String failed = failedTask(connect, table);
        if (failed != null) {
          throw new IllegalStateException(table + ": a task failed: " + failed.lines().limit(5).toList());
        }
        seen = dest.tableExists(table) ? dest.rowCount(table) : 0;
        if (seen > 0 && first == 0) {
          first = System.nanoTime();
        }
        if (seen < rows) {
          Thread.sleep(250);
        }
      }
    } finally {
      connect.deleteConnector(table);
    }
    double s = seconds(start);
    check(dest, table, rows);
    double firstSeconds = (first - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
    System.out.printf("%s: %.1f s (first rows after %.1f s), worker+broker CPU %.1f s%n", table, s, firstSeconds,
        cpuSeconds);
    return new double[] {s, firstSeconds, cpuSeconds};
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String failedTask(EmbeddedConnectCluster connect, String name) {
    try {
      return connect.connectorStatus(name).tasks().stream().filter(t -> "FAILED".equals(t.state()))
          .map(t -> t.trace()).findFirst().orElse(null);
    } catch (org.apache.kafka.connect.runtime.rest.errors.ConnectRestException e) {
      // No status yet: the connector is still being created.
      return null;
    }
  }

  private static void check(TestDestination dest, String table, int rows) {
    Object same = dest.queryValue("SELECT count(*) FROM " + table + " WHERE name = 'name-' || id AND qty = id % 1000");
    if (((Number) same).longValue() != rows) {
      throw new IllegalStateException(table + ": " + same + " of " + rows + " rows hold the expected values");
    }
  }

  private static Map<String, String> common(int tasks) {
    Map<String, String> c = new HashMap<>();
    c.put("tasks.max", Integer.toString(tasks));
    c.put("topics", TOPIC);
    c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    c.put("consumer.override.auto.offset.reset", "earliest");
    c.put("consumer.override.max.poll.records", "5000");
    return c;
  }

  private static Map<String, String> pgdestConfig(TestDestination dest, String table) {
    DestinationConfig w = dest.writerConfig();
    Map<String, String> c = common(PARTITIONS);
    c.put("connector.class", "dev.pgdest.connect.PgdestSinkConnector");
    c.put("connection.host", w.host());
    c.put("connection.port", Integer.toString(w.port()));
    c.put("connection.database", w.database());
    c.put("connection.schema", w.schema());
    c.put("connection.user", w.username());
    c.put("connection.password", w.password().orElseThrow());
    c.put("connection.sslmode", "disable");
    c.put("table.name.format", table);
    c.put("insert.mode", "upsert");
    c.put("key.mode", "record_key");
    if (commitBytes != null) {
      c.put("commit.size.bytes", commitBytes);
    }
    return c;
  }

  private static Map<String, String> debeziumConfig(TestDestination dest, String table) {
    DestinationConfig w = dest.writerConfig();
    Map<String, String> c = common(PARTITIONS);
    c.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
    c.put("connection.url", "jdbc:postgresql://" + w.host() + ":" + w.port() + "/" + w.database()
        + "?currentSchema=" + w.schema() + "&sslmode=disable");
    c.put("connection.username", w.username());
    c.put("connection.password", w.password().orElseThrow());
    c.put("insert.mode", "upsert");
    c.put("primary.key.mode", "record_key");
    c.put("schema.evolution", "basic");
    c.put("collection.name.format", table);
    return c;
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
