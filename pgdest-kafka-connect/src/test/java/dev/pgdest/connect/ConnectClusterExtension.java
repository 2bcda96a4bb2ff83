package dev.pgdest.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves an {@link EmbeddedConnectCluster} parameter: a KRaft broker and two distributed
 * workers in this JVM, started once per JVM (kept in JUnit's root store, which stops it) and
 * shared by every test class, because starting one costs seconds that a suite pays only once.
 *
 * <p>The workers load the sink only as a user's worker would: the plugin archive the build made
 * is unpacked into a temporary directory named by {@code plugin.path}, and the connector's classes
 * are not on the test class path, so they come from the plugin's isolated class loader.
 */
final class ConnectClusterExtension implements ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectClusterExtension.class);
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ConnectClusterExtension.class);

  /** The cluster and its plugin directory; closed by JUnit when the root context ends. */
  static final class Shared implements AutoCloseable {
    final EmbeddedConnectCluster cluster;
    final Path pluginPath;

    Shared() {
      pluginPath = unpackPlugin();
      Map<String, String> workerProps = new HashMap<>();
      workerProps.put("plugin.path", pluginPath.toString());
      // Read the plugins' ServiceLoader manifests instead of scanning every class: much faster, and
      // it proves the archive's manifest, which a worker set to service_load relies on.
      workerProps.put("plugin.discovery", "service_load");
      // Offsets and rows commit together at each flush: flush often so tests see rows soon.
      workerProps.put("offset.flush.interval.ms", "1000");
      // A stopped worker's tasks move to the other one after this delay, not the default 5 minutes.
      workerProps.put("scheduled.rebalance.max.delay.ms", "2000");
      Properties brokerProps = new Properties();
      brokerProps.put("auto.create.topics.enable", "false");
      brokerProps.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
      cluster = new EmbeddedConnectCluster.Builder()
          .name("pgdest-it")
          .numWorkers(2)
          .numBrokers(1)
          .workerProps(workerProps)
          .brokerProps(brokerProps)
          .build();
      long started = System.nanoTime();
      cluster.start();
      LOG.warn("Connect cluster up in {} ms: broker {}, 2 workers", (System.nanoTime() - started) / 1_000_000,
          cluster.kafka().bootstrapServers());
    }

    @Override
    public void close() {
      cluster.stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == EmbeddedConnectCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    return shared(c).cluster;
  }

  static Shared shared(ExtensionContext c) {
    return c.getRoot().getStore(NS).getOrComputeIfAbsent(Shared.class, k -> new Shared(), Shared.class);
  }

  private static Path unpackPlugin() {
    String archive = System.getProperty("pgdest.connect.plugin.archive");
    if (archive == null) {
      throw new IllegalStateException("pgdest.connect.plugin.archive is not set: run the ITs through the build (mvn verify)");
    }
    try {
      Path dir = Files.createTempDirectory("pgdest-connect-plugins");
      try (InputStream in = Files.newInputStream(Path.of(archive)); ZipInputStream zip = new ZipInputStream(in)) {
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          Path target = dir.resolve(e.getName()).normalize();
          if (!target.startsWith(dir)) {
            throw new IOException("entry outside the plugin directory: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(zip, target);
          }
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack the plugin archive " + archive, e);
    }
  }
}
