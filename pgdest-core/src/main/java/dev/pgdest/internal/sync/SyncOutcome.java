package dev.pgdest.internal.sync;

import dev.pgdest.SyncResult;
import dev.pgdest.WriteResult;
import java.time.Duration;
import java.util.Map;

/** The {@link SyncResult} of one commit. */
record SyncOutcome(Map<String, WriteResult> tables, Map<String, String> positions, long rejected, long retries,
    Duration commitTime) implements SyncResult {}
