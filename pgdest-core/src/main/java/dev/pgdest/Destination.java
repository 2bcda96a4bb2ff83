package dev.pgdest;

import dev.pgdest.internal.DefaultDestination;

/**
 * One PostgreSQL destination: the entry point of pgdest. Open one per customer destination and
 * share it; it is thread-safe and owns a connection pool (and the SSH tunnel, if configured),
 * which {@link #close()} releases.
 *
 * <p>Opening does not connect: it validates the configuration and prepares the pool, so that
 * {@link #check()} can explain what is wrong with a destination that cannot be reached.
 *
 * <pre>{@code
 * try (Destination dest = Destination.open(config)) {
 *   CheckReport report = dest.check();
 *   if (!report.isReady()) throw new IllegalStateException(report.render());
 *   dest.ensureSchema();
 * }
 * }</pre>
 */
public interface Destination extends AutoCloseable {

  /**
   * Opens a destination. Logs one masked summary of the configuration.
   *
   * @throws ConfigurationException when the configuration cannot be used, e.g. a tunnel is
   *     configured and no tunnel provider is on the class path
   */
  static Destination open(DestinationConfig config) {
    return DefaultDestination.open(config);
  }

  /** The configuration this destination was opened with. */
  DestinationConfig config();

  /**
   * Runs the setup page's permissions checklist against the server and reports each item. Never
   * throws for a problem it can explain; connects with the configured credentials only.
   */
  CheckReport check();

  /**
   * Creates the configured schema if it does not exist. Safe when several processes race to
   * create it, and works without database-level {@code CREATE} when the schema was pre-created
   * and the writer was granted {@code ALL} on it.
   *
   * @throws PgdestException when the schema is missing and cannot be created; the message holds
   *     the SQL an administrator can run
   */
  void ensureSchema();

  /**
   * Opens a writer into a table of the configured schema, creating the schema and the table when
   * missing and evolving the table towards the spec (see {@link TableSpec}). The writer holds one
   * pooled connection until closed; open one per thread.
   *
   * <pre>{@code
   * try (TableWriter w = dest.writer(users, WriteMode.UPSERT)) {
   *   w.write(1L, "a@example.com");
   *   w.commit();
   * }
   * }</pre>
   *
   * @throws IllegalArgumentException when UPSERT or DELETE is asked of a spec without primary key
   * @throws PgdestException when the table cannot be created or evolved; names table, column and types
   */
  default TableWriter writer(TableSpec spec, WriteMode mode) {
    return writer(spec, mode, ProgressListener.none());
  }

  /** As {@link #writer(TableSpec, WriteMode)}, reporting each committed batch to {@code listener}. */
  TableWriter writer(TableSpec spec, WriteMode mode, ProgressListener listener);

  /**
   * Opens a sync session named {@code name} (the namespace of its checkpoint keys) that fails a
   * commit holding a refused change ({@link RejectPolicy#FAIL}). See {@link SyncSession}.
   */
  default SyncSession openSync(String name) {
    return openSync(name, RejectPolicy.FAIL, rejection -> {});
  }

  /**
   * Opens a sync session with a reject policy; under {@link RejectPolicy#SKIP} every refused change
   * is handed to {@code listener} (on the session's thread) and the rest lands.
   */
  SyncSession openSync(String name, RejectPolicy policy, java.util.function.Consumer<Rejection> listener);

  /** Closes the pool and the tunnel. Writers still open fail on their next call. Idempotent. */
  @Override
  void close();
}
