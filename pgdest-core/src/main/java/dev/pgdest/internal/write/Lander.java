package dev.pgdest.internal.write;

import dev.pgdest.DataException;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.PgdestException;
import dev.pgdest.ProgressListener;
import dev.pgdest.TableSpec;
import dev.pgdest.WriteMode;
import dev.pgdest.internal.copy.Journal;
import dev.pgdest.internal.copy.RowEncoder;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.errors.SqlStates;
import dev.pgdest.internal.merge.MergeSql;
import dev.pgdest.internal.schema.Identifiers;
import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.sql.Sql;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands one batch at a time, in one transaction each, and replays it whole after a passing fault.
 *
 * <ul>
 *   <li>APPEND copies straight into the table.
 *   <li>UPSERT copies into a TEMP staging table (created once per connection, emptied by each
 *       commit), removes duplicate keys keeping the last, and merges with {@code ON CONFLICT} when
 *       a unique index covers the key, else with {@code UPDATE ... FROM} and {@code INSERT ... WHERE
 *       NOT EXISTS}. Into a table this writer created it copies straight in until the server
 *       reports a duplicate key (or the encoder sees one in the batch); that batch is then
 *       replayed through staging.
 *   <li>REPLACE loads an UPSERT into a fresh shadow table, then {@link #finish()} swaps the
 *       contents into the target in one transaction: {@code DELETE} and {@code INSERT ... SELECT}.
 *       Unlike TRUNCATE or a rename, this is MVCC-safe: readers (any isolation level) see the old
 *       rows until the commit and never block, and views, grants and foreign keys stay attached.
 *       The cost is dead tuples for autovacuum.
 *   <li>DELETE stages the keys and deletes with {@code DELETE ... USING}.
 * </ul>
 *
 * Merges into one table take a transaction-level advisory lock on it, so concurrent writers merge
 * one after the other (their COPYs still run in parallel) and never deadlock each other.
 */
final class Lander implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Lander.class);
  private static final Pattern COPY_LINE = Pattern.compile("COPY .*, line (\\d+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Session session;
  private final TableSpec spec;
  private final WriteMode mode;
  private final TablePlan plan;
  private final DestinationConfig config;
  private final Totals totals;
  private final ProgressListener listener;
  private final List<String> columns;
  private final List<PgType> types;
  private final List<String> keys;
  private final String target;
  private final String stage;
  private String loadTable;
  private boolean loadUnique;
  private boolean direct;
  private MergeSql merge;
  private MergeSql orderedMerge;
  /** Whether the batch may hold a key twice and so goes to the staging table with an arrival order. */
  private boolean ordered;
  private boolean shadowReady;
  private Journal journal;
  private Exception pending;

  Lander(Session session, TableSpec spec, WriteMode mode, TablePlan plan, List<RowEncoder.Field> fields,
      DestinationConfig config, Totals totals, ProgressListener listener) {
    this.session = session;
    this.spec = spec;
    this.mode = mode;
    this.plan = plan;
    this.config = config;
    this.totals = totals;
    this.listener = listener;
    this.columns = fields.stream().map(f -> spec.column(f.name()).orElseThrow().sqlName()).collect(Collectors.toList());
    this.types = fields.stream().map(RowEncoder.Field::type).collect(Collectors.toList());
    this.keys = spec.primaryKey().stream().map(k -> spec.column(k).orElseThrow().sqlName()).collect(Collectors.toList());
    this.target = Sql.qualified(plan.schema(), plan.table());
    this.stage = "pg_temp." + Sql.ident("pgdest_stage_" + hex(8));
    this.loadTable = target;
    this.loadUnique = plan.uniqueKey();
    this.direct = mode == WriteMode.APPEND || (mode == WriteMode.UPSERT && plan.created() && plan.uniqueKey());
    String ord = "pgdest_ord";
    while (columns.contains(ord)) {
      ord = ord + "_";
    }
    this.merge = new MergeSql(target, stage, columns, types, keys, null);
    this.orderedMerge = new MergeSql(target, "pg_temp." + Sql.ident("pgdest_stage_" + hex(8) + "_ord"), columns, types,
        keys, ord);
  }

  /** Whether duplicate keys within a batch matter, so the writer must track key hashes. */
  boolean tracksKeys() {
    return (mode == WriteMode.UPSERT || mode == WriteMode.REPLACE) && !keys.isEmpty();
  }

  /**
   * The batch may hold a key twice: a direct COPY would fail and the plain staging table cannot
   * tell which row came last, so stop streaming; the batch is replayed into the ordered staging
   * table when it lands. Batches without duplicates skip the order column and the dedupe.
   */
  void duplicatesSeen() {
    if (mode == WriteMode.APPEND || ordered) {
      return;
    }
    direct = false;
    ordered = true;
    if (journal != null && journal.isLive()) {
      journal.stopLive();
      session.rollbackQuietly();
    }
  }

  /** Opens the batch's transaction and COPY so that rows stream as they are written. */
  void startLive(Journal journal) {
    this.journal = journal;
    pending = null;
    ordered = false;
    try {
      CopyIn copy = open();
      journal.goLive(copy::writeToCopy);
    } catch (SQLException | PgdestException e) {
      session.rollbackQuietly();
      pending = e;
    }
  }

  private CopyIn open() throws SQLException {
    prepareLoadTable();
    MergeSql m = ordered ? orderedMerge : merge;
    if (!direct) {
      session.ensureTemp(m.stage(), tempBuffers(), m.createStage(), ordered ? m.addOrd() : null);
    }
    session.begin();
    return session.openCopy(direct ? MergeSql.copy(loadTable, columns) : m.copyToStage());
  }

  private void prepareLoadTable() throws SQLException {
    if (mode != WriteMode.REPLACE || shadowReady) {
      return;
    }
    String name = Identifiers.sqlName(plan.table() + "$pgdest_replace$" + hex(4), "table");
    String shadow = Sql.qualified(plan.schema(), name);
    StringBuilder pk = new StringBuilder();
    if (!keys.isEmpty()) {
      pk.append("ALTER TABLE ").append(shadow).append(" ADD PRIMARY KEY (").append(Sql.idents(keys)).append(')');
    }
    session.connection();
    session.execute("CREATE TABLE " + shadow + " (LIKE " + target + " INCLUDING DEFAULTS)");
    if (pk.length() > 0) {
      session.execute(pk.toString());
    }
    session.connection().commit();
    loadTable = shadow;
    loadUnique = !keys.isEmpty();
    direct = true;
    shadowReady = true;
    merge = new MergeSql(shadow, merge.stage(), columns, types, keys, null);
    orderedMerge = new MergeSql(shadow, orderedMerge.stage(), columns, types, keys, orderedMerge.ord());
  }

  /**
   * Lands the journaled batch: finishes the live COPY or replays the journal, merges, commits.
   * Retries passing faults by replaying the whole batch on a fresh transaction.
   */
  void land(Journal journal, int rows, long firstRow) {
    Exception failure = journal.liveFailure() != null ? journal.liveFailure() : pending;
    boolean live = failure == null && journal.isLive();
    journal.stopLive();
    pending = null;
    int attempt = 0;
    while (true) {
      if (failure == null) {
        try {
          long started = System.nanoTime();
          if (!live) {
            CopyIn copy = open();
            journal.replay(copy::writeToCopy);
          }
          live = false;
          long copied = session.endCopy();
          long merged = System.nanoTime();
          totals.copyNanos += merged - started;
          long[] counts = mergeBatch(copied);
          long committing = System.nanoTime();
          totals.mergeNanos += committing - merged;
          session.commit();
          totals.commitNanos += System.nanoTime() - committing;
          if (mode != WriteMode.REPLACE) {
            totals.inserted += counts[0];
            totals.updated += counts[1];
            totals.deleted += counts[2];
          }
          return;
        } catch (SQLException | PgdestException e) {
          failure = e;
          live = false;
        }
      }
      session.rollbackQuietly();
      String state = SqlStates.sqlStateOf(failure);
      if (failure instanceof SQLException sql && Session.isBroken(sql)) {
        session.discard();
      }
      if (direct && mode != WriteMode.APPEND && "23505".equals(state)) {
        // A key this writer's earlier batch (or another writer) inserted: merge from now on.
        direct = false;
        failure = null;
        continue;
      }
      if (!ordered && "21000".equals(state)) {
        // "ON CONFLICT DO UPDATE command cannot affect row a second time": keys equal on the
        // server that hashed apart on the client (e.g. under a non-deterministic collation).
        ordered = true;
        failure = null;
        continue;
      }
      boolean retryable = failure instanceof PgdestException p ? p.isRetryable() : SqlStates.isRetryable(state);
      if (!retryable || attempt >= config.maxRetries()) {
        throw toException(failure, firstRow, rows);
      }
      attempt++;
      totals.retries++;
      LOG.info("Replaying batch of {} rows into \"{}\" (attempt {} of {}) after: {}", rows, spec.name(), attempt,
          config.maxRetries(), Errors.describe(failure));
      try {
        listener.batchRetrying(attempt, toException(failure, firstRow, rows));
      } catch (RuntimeException e) {
        LOG.warn("Progress listener failed; ignored: {}", e.toString());
      }
      backoff(attempt);
      failure = null;
    }
  }

  private long[] mergeBatch(long copied) throws SQLException {
    if (direct) {
      return new long[] {copied, 0, 0};
    }
    MergeSql merge = ordered ? orderedMerge : this.merge;
    if (mode != WriteMode.REPLACE) {
      session.execute(MergeSql.lock(plan.oid()));
    }
    if (mode == WriteMode.DELETE) {
      session.execute(merge.analyze());
      return new long[] {0, 0, session.update(merge.delete())};
    }
    if (ordered) {
      session.execute(merge.dedupe());
    }
    if (loadUnique) {
      long[] r = session.queryLongs(merge.upsert(), 2);
      return new long[] {r[0], r[1], 0};
    }
    session.execute(merge.analyze());
    String update = merge.updateFrom();
    long updated = update == null ? 0 : session.update(update);
    return new long[] {session.update(merge.insertMissing()), updated, 0};
  }

  /** Ends a writer's load: in REPLACE mode, swaps the shadow table's rows into the target. */
  void finish() {
    if (mode != WriteMode.REPLACE) {
      return;
    }
    int attempt = 0;
    while (true) {
      try {
        prepareLoadTable();
        long started = System.nanoTime();
        session.begin();
        session.execute(MergeSql.lock(plan.oid()));
        long deleted = session.update("DELETE FROM " + target);
        long inserted = session.update("INSERT INTO " + target + " (" + Sql.idents(columns) + ") SELECT "
            + Sql.idents(columns) + " FROM " + loadTable);
        session.execute("DROP TABLE " + loadTable);
        long committing = System.nanoTime();
        totals.mergeNanos += committing - started;
        session.commit();
        totals.commitNanos += System.nanoTime() - committing;
        totals.deleted += deleted;
        totals.inserted += inserted;
        shadowReady = false;
        return;
      } catch (SQLException | PgdestException e) {
        session.rollbackQuietly();
        String state = SqlStates.sqlStateOf(e);
        if (e instanceof SQLException sql && Session.isBroken(sql)) {
          session.discard();
        }
        boolean retryable = e instanceof PgdestException p ? p.isRetryable() : SqlStates.isRetryable(state);
        if (!retryable || attempt >= config.maxRetries()) {
          throw e instanceof PgdestException p ? p : Errors.translate("replacing the rows of table \""
              + spec.name() + "\"", e);
        }
        attempt++;
        totals.retries++;
        backoff(attempt);
      }
    }
  }

  /**
   * Room for the staging table in the session's local buffers: PostgreSQL's default of 8 MB is
   * smaller than a batch, which would send the staging table to disk. Only settable before the
   * session first touches a TEMP table; {@link Session#ensureTemp} ignores a refusal.
   */
  private String tempBuffers() {
    long mb = Math.max(8, Math.min(256, config.batchBytes() * 2 / (1024 * 1024)));
    return "SET temp_buffers = '" + mb + "MB'";
  }

  private void backoff(int attempt) {
    long millis = Math.min(30_000, config.retryBackoff().toMillis() << Math.min(16, attempt - 1));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PgdestException("interrupted while waiting to replay a batch into table \"" + spec.name() + "\"");
    }
  }

  private PgdestException toException(Exception failure, long firstRow, int rows) {
    if (failure instanceof PgdestException p) {
      return p;
    }
    String state = SqlStates.sqlStateOf(failure);
    String where = "rows " + firstRow + ".." + (firstRow + rows - 1) + " of table \"" + spec.name() + "\"";
    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
      String column = null;
      long row = -1;
      PSQLException psql = Errors.find(failure, PSQLException.class);
      if (psql != null && psql.getServerErrorMessage() != null) {
        ServerErrorMessage m = psql.getServerErrorMessage();
        column = m.getColumn();
        Matcher line = m.getWhere() == null ? null : COPY_LINE.matcher(m.getWhere());
        if (line != null && line.find()) {
          row = firstRow + Long.parseLong(line.group(1)) - 1;
        }
      }
      return new DataException("the server refused " + where + (row > 0 ? " at row " + row : "") + ": "
          + Errors.describe(failure) + " [SQLSTATE " + state + "]; the batch was rolled back", spec.name(), column,
          row, failure, state);
    }
    return Errors.translate("writing " + where, failure);
  }

  /** Rolls back the batch in progress. */
  void abort() {
    pending = null;
    if (journal != null) {
      journal.stopLive();
    }
    session.rollbackQuietly();
  }

  @Override
  public void close() {
    try {
      session.rollbackQuietly();
      if (shadowReady) {
        try {
          session.execute("DROP TABLE IF EXISTS " + loadTable);
          session.connection().commit();
        } catch (SQLException | PgdestException e) {
          LOG.warn("Could not drop the unfinished REPLACE load table of \"{}\": {}", spec.name(), e.getMessage());
        }
        shadowReady = false;
      }
    } finally {
      session.close();
    }
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
