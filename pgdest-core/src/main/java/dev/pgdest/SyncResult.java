package dev.pgdest;

import java.time.Duration;
import java.util.Map;

/**
 * What one {@link SyncSession#commit(Map)} landed: per-table counts, the rejected changes, and the
 * positions now stored. Immutable and thread-safe. An interface so that it can grow.
 *
 * <pre>{@code
 * SyncResult r = sync.commit(Map.of("accounts", position));
 * log.info("{} rows, {} rejected", r.table("accounts").rowsStaged(), r.rejected());
 * }</pre>
 */
public interface SyncResult {

  /** Per table (by the name in its spec): what this commit landed there. */
  Map<String, WriteResult> tables();

  /** What this commit landed in one table; {@link WriteResult#EMPTY} when it had no changes. */
  default WriteResult table(String name) {
    return tables().getOrDefault(name, WriteResult.EMPTY);
  }

  /** The positions written to the checkpoint table by this commit. */
  Map<String, String> positions();

  /** Changes refused under {@link RejectPolicy#SKIP} (each was reported to the listener). */
  long rejected();

  /** Replays of the unit after passing faults. */
  long retries();

  /** Wall time of the commit, merge included. */
  Duration commitTime();
}
