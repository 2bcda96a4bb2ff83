package dev.pgdest.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.ProgressListener;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.spi.DestinationObserver;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * What pgdest logs while it writes names the destination and the table in the SLF4J MDC, and the
 * caller's own MDC is as it was afterwards; a failing observer never fails a write. Here rather
 * than with the other integration tests because this module's tests log through Logback, which
 * keeps an MDC (slf4j-simple's is a no-op).
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
class MdcIT {

  private static final TableSpec EVENTS = TableSpec.builder("events").column("id", PgType.BIGINT)
      .column("v", PgType.TEXT).primaryKey("id").build();

  @Test
  void theMdcNamesDestinationAndTableWhileAWriterWorks(TestDestination dest) {
    List<Map<String, String>> seen = new ArrayList<>();
    ProgressListener capture = soFar -> seen.add(new HashMap<>(MDC.getCopyOfContextMap()));
    MDC.put("request", "r-1");
    try (Destination d = Destination.open(dest.writerConfigBuilder().batchRows(2).build());
        TableWriter w = d.writer(EVENTS, WriteMode.UPSERT, capture)) {
      for (long i = 1; i <= 5; i++) {
        w.write(i, "v" + i);
      }
      w.commit();
    } finally {
      assertThat(MDC.getCopyOfContextMap()).as("the caller's MDC afterwards").containsExactly(Map.entry("request", "r-1"));
      MDC.clear();
    }
    assertThat(seen).hasSize(3).allSatisfy(mdc -> assertThat(mdc)
        .containsEntry("pgdest.table", "events")
        .containsEntry("pgdest.destination", dest.server().host() + ":" + dest.server().port() + "/"
            + dest.database() + "/" + dest.schema())
        .containsEntry("request", "r-1"));
  }

  @Test
  void anObserverThatThrowsNeverFailsAWrite(TestDestination dest) {
    DestinationObserver broken = new DestinationObserver() {
      @Override
      public void batchCommitted(String table, Map<String, Long> counts, Map<String, Duration> phaseTimes) {
        throw new IllegalStateException("observer bug");
      }
    };
    try (Destination d = Destination.open(dest.writerConfigBuilder().observer(broken).build());
        TableWriter w = d.writer(EVENTS, WriteMode.APPEND)) {
      w.write(100L, "x");
      assertThat(w.commit().rowsStaged()).isEqualTo(1);
    }
    assertThat(dest.rowCount("events")).isEqualTo(1);
  }
}
