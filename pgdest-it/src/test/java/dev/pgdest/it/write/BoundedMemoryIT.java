package dev.pgdest.it.write;

import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.TestDestination;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Heap use stays bounded however many rows one writer writes: 10 million rows under -Xmx128m. On
 * the default major only: the heap bound is the client's, whatever the server.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM, schema = "bounded")
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BoundedMemoryIT {

  @Test
  void tenMillionRowsFitIn128MegabytesOfHeap(TestDestination target) throws Exception {
    long rows = Long.getLong("pgdest.it.boundedRows", 10_000_000L);
    PostgresServer server = target.server();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        BoundedMemoryLoad.class.getName(), server.host(), String.valueOf(server.port()), target.database(),
        target.schema(), target.seedWriter().name(), String.valueOf(rows), "UPSERT");
    pb.environment().put("PGDEST_PASSWORD", target.seedWriter().password());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("finished").isTrue();
    assertThat(p.exitValue()).as("child JVM output:%n%s", output).isZero();
    System.out.println("bounded-memory load: " + output.trim());
    assertThat(output).contains("staged=" + rows);
    long peak = Long.parseLong(output.replaceAll("(?s).*peakHeapBytes=(\\d+).*", "$1"));
    assertThat(peak).as("peak heap").isLessThan(128L * 1024 * 1024);
    assertThat(target.rowCount("bounded")).isEqualTo(rows);
  }
}
