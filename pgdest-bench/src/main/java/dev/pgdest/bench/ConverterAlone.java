package dev.pgdest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;

/**
 * A converter alone turning the benchmark topic's keys and values into Connect data on one
 * thread, as each sink task does before its sink sees a record: the floor under any sink reading
 * the topic with that converter. pgdest's converter comes from the plugin directory, as the
 * worker loads it, so the benchmark's class path stays free of the plugin.
 */
final class ConverterAlone {
  private static final String TOPIC = "bench_rows";
  private final Path pluginPath;
  private final int rows;

  ConverterAlone(Path pluginPath, int rows) {
    this.pluginPath = pluginPath;
    this.rows = rows;
  }

  double json(boolean schemas) {
    return time("JsonConverter", schemas, new JsonConverter(), new JsonConverter());
  }

  double ours(boolean schemas) {
    try {
      return time("pgdest converter", schemas, ours(), ours());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load PgdestJsonConverter from " + pluginPath, e);
    }
  }

  private Converter ours() throws ReflectiveOperationException {
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.walk(pluginPath)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
        jars.add(f.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ClassLoader loader = new URLClassLoader(jars.toArray(new URL[0]), ConverterAlone.class.getClassLoader());
    return (Converter) loader.loadClass("dev.pgdest.connect.json.PgdestJsonConverter")
        .getDeclaredConstructor().newInstance();
  }

  private double time(String name, boolean schemas, Converter keys, Converter values) {
    keys.configure(Map.of("schemas.enable", Boolean.toString(schemas)), true);
    values.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
    List<byte[]> k = new ArrayList<>(rows);
    List<byte[]> v = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      k.add(ConnectSinkBenchmark.key(i, schemas));
      v.add(ConnectSinkBenchmark.value(i, schemas));
    }
    long sink = 0;
    for (int i = 0; i < Math.min(rows, 200_000); i++) { // warm-up
      sink += keys.toConnectData(TOPIC, k.get(i)).hashCode() + values.toConnectData(TOPIC, v.get(i)).hashCode();
    }
    long start = System.nanoTime();
    for (int i = 0; i < rows; i++) {
      sink += keys.toConnectData(TOPIC, k.get(i)).hashCode() + values.toConnectData(TOPIC, v.get(i)).hashCode();
    }
    double s = ConnectSinkBenchmark.seconds(start);
    System.out.printf("%s alone (schemas.enable=%s), one thread: %.2f s, %.0f ns/record (%d)%n", name, schemas, s,
        s * 1e9 / rows, sink & 1);
    return s;
  }
}
