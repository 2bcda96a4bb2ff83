package dev.pgdest.internal.write;

import dev.pgdest.WriteResult;
import java.time.Duration;

/** Mutable counters behind a writer's {@link WriteResult}. */
public final class Totals {
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
    return WriteResult.builder().rowsStaged(staged).rowsInserted(inserted).rowsUpdated(updated).rowsDeleted(deleted)
        .valuesSanitized(sanitized).bytesSent(bytesSent).batches(batches).retries(retries)
        .schemaTime(Duration.ofNanos(schemaNanos)).copyTime(Duration.ofNanos(copyNanos))
        .mergeTime(Duration.ofNanos(mergeNanos)).commitTime(Duration.ofNanos(commitNanos)).build();
  }
}
