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
   * As {@link #writer(TableSpec, WriteMode, ProgressListener)}, spreading the batches over {@code
   * connections} connections, each batch one transaction on one of them as usual: for the first
   * load of a big table, where one connection's COPY is the limit. Only {@link WriteMode#APPEND}
   * (with more than one connection), since batches then land in no particular order. Rows are
   * encoded on the writer's own threads, so a value must not be changed after {@code write}
   * returns (the array of values is copied, the values are not); the listener is called on those
   * threads, with the totals of all of them. Uses up to {@code connections} of the pool's
   * connections. Where it stops paying: the server's cores and disk; see the benchmark.
   *
   * <pre>{@code
   * try (TableWriter w = dest.writer(events, WriteMode.APPEND, ProgressListener.none(), 2)) {
   *   for (Event e : source) w.write(e.id(), e.at(), e.payload());
   *   w.commit();
   * }
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code connections} is not in 1..{@link
   *     DestinationConfig#maxPoolSize()}, or is above 1 for a mode other than APPEND
   */
  default TableWriter writer(TableSpec spec, WriteMode mode, ProgressListener listener, int connections) {
    return dev.pgdest.internal.write.ParallelTableWriter.open(this, spec, mode, listener, connections);
  }

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
