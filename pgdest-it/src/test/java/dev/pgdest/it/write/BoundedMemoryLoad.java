package dev.pgdest.it.write;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.SslMode;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;

/**
 * Run in a JVM of its own with a small heap by {@link BoundedMemoryIT}: writes many rows through
 * one writer and prints the peak heap use. Arguments: host port database schema user rows mode;
 * the password comes from the environment variable PGDEST_PASSWORD.
 */
public final class BoundedMemoryLoad {
  private BoundedMemoryLoad() {}

  public static void main(String[] args) {
    long rows = Long.parseLong(args[5]);
    DestinationConfig config = DestinationConfig.builder().host(args[0]).port(Integer.parseInt(args[1]))
        .database(args[2]).schema(args[3]).username(args[4]).password(System.getenv("PGDEST_PASSWORD"))
        .sslMode(SslMode.DISABLE).build();
    TableSpec spec = TableSpec.builder("bounded").column("id", PgType.BIGINT).column("name", PgType.TEXT)
        .column("at", PgType.TIMESTAMPTZ).column("doc", PgType.JSONB).primaryKey("id").build();
    Instant at = Instant.parse("2024-01-01T00:00:00Z");
    try (Destination dest = Destination.open(config);
         TableWriter w = dest.writer(spec, WriteMode.valueOf(args[6]))) {
      for (long i = 1; i <= rows; i++) {
        w.write(i, "name number " + i, at, "{\"n\": " + i + "}");
      }
      WriteResult r = w.commit();
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.println("staged=" + r.rowsStaged() + " peakHeapBytes=" + peak + " maxHeapBytes="
          + Runtime.getRuntime().maxMemory());
    }
  }
}
