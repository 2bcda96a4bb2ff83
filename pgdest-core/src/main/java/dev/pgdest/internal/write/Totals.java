package dev.pgdest.internal.write;

import dev.pgdest.WriteResult;
import java.time.Duration;

/** Mutable counters behind a writer's {@link WriteResult}. */
final class Totals {
  long staged;
  long inserted;
  long updated;
  long deleted;
  long sanitized;
  long batches;
  long retries;
  long schemaNanos;
  long copyNanos;
  long mergeNanos;
  long commitNanos;

  WriteResult snapshot(long bytesSent) {
    return new WriteResult(staged, inserted, updated, deleted, sanitized, bytesSent, batches, retries,
        Duration.ofNanos(schemaNanos), Duration.ofNanos(copyNanos), Duration.ofNanos(mergeNanos),
        Duration.ofNanos(commitNanos));
  }
}
