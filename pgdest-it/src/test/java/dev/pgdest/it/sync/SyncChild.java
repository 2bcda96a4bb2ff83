package dev.pgdest.it.sync;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.WriteMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A sync engine in a JVM of its own, for {@link CrashResumeIT} to kill: claims the three streams of
 * {@link SyncSource}, resumes each from its stored position, and commits units of random size
 * until every stream reaches its end. Prints {@code claimed}, then {@code committed <positions>}
 * after each commit and {@code done} at the end, for the test to time its kills by.
 *
 * <p>Arguments: host port database schema user syncName end seed; the password comes from the
 * environment variable PGDEST_PASSWORD. Public API only, as an engine would use it.
 */
public final class SyncChild {
  /** The most changes per stream in one unit; small, so that a run holds many commits. */
  private static final int MAX_UNIT = 1_500;

  private SyncChild() {}

  public static void main(String[] args) {
    DestinationConfig config = DestinationConfig.builder().host(args[0]).port(Integer.parseInt(args[1]))
        .database(args[2]).schema(args[3]).username(args[4]).password(System.getenv("PGDEST_PASSWORD"))
        .sslMode(SslMode.DISABLE).build();
    String syncName = args[5];
    long end = Long.parseLong(args[6]);
    Random random = new Random(Long.parseLong(args[7]));
    try (Destination dest = Destination.open(config); SyncSession sync = dest.openSync(syncName)) {
      Map<String, String> stored = sync.claim(SyncSource.STREAMS);
      Map<String, Long> next = new LinkedHashMap<>();
      Map<String, TableChanges> tables = new HashMap<>();
      for (String stream : SyncSource.STREAMS) {
        next.put(stream, Long.parseLong(stored.getOrDefault(stream, "0")));
        tables.put(stream, sync.table(SyncSource.spec(stream),
            stream.equals(SyncSource.EVENTS) ? WriteMode.APPEND : WriteMode.UPSERT));
      }
      System.out.println("claimed " + next);
      while (next.values().stream().anyMatch(p -> p < end)) {
        Map<String, String> positions = new LinkedHashMap<>();
        for (String stream : SyncSource.STREAMS) {
          long from = next.get(stream);
          long to = Math.min(end, from + 1 + random.nextInt(MAX_UNIT));
          for (long i = from + 1; i <= to; i++) {
            stage(tables.get(stream), stream, i);
          }
          next.put(stream, to);
          positions.put(stream, Long.toString(to));
        }
        sync.commit(positions);
        System.out.println("committed " + positions);
      }
      System.out.println("done");
    }
  }

  private static void stage(TableChanges table, String stream, long i) {
    SyncSource.Change c = SyncSource.change(stream, i);
    if (stream.equals(SyncSource.EVENTS)) {
      table.append(c.row().toArray());
    } else if (c.deleted()) {
      table.delete(c.id());
    } else {
      table.upsert(c.row().toArray());
    }
  }
}
