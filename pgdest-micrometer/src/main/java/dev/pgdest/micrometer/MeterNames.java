package dev.pgdest.micrometer;

/**
 * The names of the meters {@link PgdestMetrics} registers, for dashboards and alerts. Constants only.
 *
 * <pre>{@code
 * double rows = registry.get(MeterNames.ROWS).tag("table", "users").tag("operation", "inserted").counter().count();
 * }</pre>
 */
public final class MeterNames {

  /** Rows written, tagged {@code table} and {@code operation}. */
  public static final String ROWS = "pgdest.rows";
  /** Bytes of COPY data sent, tagged {@code table}. */
  public static final String BYTES = "pgdest.bytes";
  /** Batches committed, tagged {@code table}. */
  public static final String BATCHES = "pgdest.batches";
  /** Batch replays after passing faults, tagged {@code table}. */
  public static final String RETRIES = "pgdest.retries";
  /** Rows refused before they reached the server, tagged {@code table}. */
  public static final String REJECTS = "pgdest.rejects";
  /** Values changed by the NUL policy, tagged {@code table}. */
  public static final String SANITIZED = "pgdest.values.sanitized";
  /** Time per batch in each phase, tagged {@code table} and {@code phase}. */
  public static final String PHASE = "pgdest.phase";

  private MeterNames() {}
}
