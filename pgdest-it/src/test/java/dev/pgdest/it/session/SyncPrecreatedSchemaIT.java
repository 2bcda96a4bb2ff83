package dev.pgdest.it.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.SyncSession;
import dev.pgdest.TableSpec;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The setup page's pre-created schema writer (ALL on the schema, no CREATE on the database) syncs too. */
@PgdestTest(schema = "presync")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SyncPrecreatedSchemaIT {
  /** Set by the extension. */
  private static TestDestination target;

  @Test
  void thePrecreatedSchemaWriterCreatesTheCheckpointTableToo() {
    try (Destination dest = Destination.open(target.precreatedSchemaWriterConfig());
         SyncSession sync = dest.openSync("pre")) {
      sync.claim("x");
      sync.table(TableSpec.builder("pre").column("id", PgType.BIGINT).column("at", PgType.TIMESTAMPTZ)
          .primaryKey("id").build()).upsert(1L, Instant.EPOCH);
      sync.commit(Map.of("x", "1"));
      assertThat(sync.claim("x")).isEqualTo(Map.of("x", "1"));
    }
  }
}
