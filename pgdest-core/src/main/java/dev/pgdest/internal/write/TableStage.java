package dev.pgdest.internal.write;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.KeySet;
import dev.pgdest.internal.copy.RowEncoder;
import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.sql.Sql;
import dev.pgdest.internal.sql.StageSql;
import dev.pgdest.internal.unit.CopyTypes;
import dev.pgdest.internal.unit.Journal;
import dev.pgdest.internal.unit.TableWork;
import dev.pgdest.internal.unit.UnitConnection;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A writer's table within its unit of work: the encoded rows of the batch in progress (journaled),
 * the staging state machine, and the statements its {@link Mode} contributes. While the batch is
 * copied straight into the table, a row whose key hash repeats one of the batch or of the last
 * (direct) batch goes to {@link RepeatRows} instead. Not thread-safe.
 */
final class TableStage implements TableWork {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TableSpec spec;
  private final TablePlan plan;
  private final Mode mode;
  private final Staging staging;
  private final RowEncoder encoder;
  private final Journal journal;
  private final Bytes out;
  /** A direct batch's rows are encoded here first: where one goes depends on its key's hash. */
  private final Bytes scratch = Bytes.scratch(1024);
  private final RepeatRows repeats;
  private KeySet keySet = new KeySet();
  /** The keys of the last batch, while batches are copied straight in; else empty. */
  private KeySet lastBatch = new KeySet();
  private final List<String> keys;
  private final StageSql target;
  private final StageSql ordered;
  private final Totals totals;
  private String loadTable;
  private long firstRow = 1;
  private long rows;
  private boolean duplicates;
  private long mergeNanos;

  TableStage(TableSpec spec, TablePlan plan, Mode mode, RowEncoder encoder, List<String> columns, List<PgType> types,
      Journal journal, Journal repeatJournal, Totals totals) {
    this.spec = spec;
    this.plan = plan;
    this.mode = mode;
    this.staging = mode.staging(plan);
    this.encoder = encoder;
    this.journal = journal;
    this.out = new Bytes(Bytes.MIN_CHUNK, journal);
    this.repeats = new RepeatRows(this, repeatJournal);
    this.totals = totals;
    this.keys = spec.primaryKey().stream().map(k -> spec.column(k).orElseThrow().sqlName()).collect(Collectors.toList());
    String ord = "pgdest_ord";
    while (columns.contains(ord)) {
      ord = ord + "_";
    }
    String qualified = Sql.qualified(plan.schema(), plan.table());
    // Only UPSERT honours a version column: REPLACE's load table is new and DELETE's keys carry none.
    String version = mode instanceof UpsertMode
        ? spec.versionColumn().map(v -> spec.column(v).orElseThrow().sqlName()).orElse(null) : null;
    this.target = new StageSql(qualified, "pg_temp." + Sql.ident("pgdest_stage_" + hex(8)), columns,
        types, keys, null, version);
    this.ordered = target.withStage("pg_temp." + Sql.ident("pgdest_stage_" + hex(8) + "_ord")).withOrd(ord);
  }

  TablePlan plan() {
    return plan;
  }

  Staging staging() {
    return staging;
  }

  Mode mode() {
    return mode;
  }

  List<String> keys() {
    return keys;
  }

  RowEncoder encoder() {
    return encoder;
  }

  /** The statements for the batch's state, against the load table (the target, or REPLACE's). */
  StageSql sql() {
    StageSql s = staging.state() == Staging.State.ORDERED ? ordered : target;
    return loadTable == null ? s : s.withTarget(loadTable);
  }

  /** The ordered stage's statements against the load table, whatever the batch's state ({@link RepeatRows}). */
  StageSql repeatSql() {
    return loadTable == null ? ordered : ordered.withTarget(loadTable);
  }

  /** The units of work of the batch: this table, then the rows split off a direct COPY. */
  List<TableWork> works() {
    return List.of(this, repeats);
  }

  /** The statements against the target itself. */
  StageSql targetSql() {
    return target;
  }

  /** Sends batches into another table (REPLACE's load table), or back into the target with null. */
  void loadInto(String table) {
    this.loadTable = table;
    keySet.clear(); // the keys remembered were those of the other table
    lastBatch.clear();
  }

  /** Starts a batch whose first row has this writer-wide position. */
  void startBatch(long first) {
    firstRow = first;
    rows = 0;
    duplicates = false;
    // Copying straight in, the writer remembers the keys of the last batch too (they are in the table
    // now, put there by this writer): a key repeated from it is split off and merged as a key repeated
    // within the batch is, instead of failing the COPY and sending every later batch through the stage.
    // Memory stays at two batches' hashes; a key repeated from an older batch still fails the COPY.
    KeySet landed = keySet;
    keySet = lastBatch;
    lastBatch = landed;
    keySet.clear();
    if (!staging.splitsRepeats()) {
      lastBatch.clear();
    }
    journal.reset();
    out.reset();
    repeats.reset();
    staging.batchStarted();
    mergeNanos = 0;
  }

  /**
   * Encodes one row into the batch.
   *
   * @return whether the staging state changed, so that rows streamed so far must be copied again
   */
  boolean write(Object[] values, long position) {
    boolean tracks = mode.tracksKeys() && !keys.isEmpty();
    if (tracks && staging.splitsRepeats()) {
      scratch.reset();
      long hash = encoder.encode(values, scratch, position);
      if ((keySet.add(hash) || lastBatch.contains(hash)) && staging.duplicateKeySeen() == Staging.Repeat.SPLIT) {
        repeats.add(scratch, position);
      } else {
        out.write(scratch);
        rows++;
      }
      return false;
    }
    long hash = encoder.encode(values, out, position);
    rows++;
    if (tracks && keySet.add(hash) && !duplicates) {
      duplicates = true;
      return staging.duplicateKeySeen() == Staging.Repeat.REPLAN;
    }
    return false;
  }

  /** Bytes of the batch so far. */
  long bytes() {
    return out.written() + repeats.bytes();
  }

  /** Rows of the batch so far, those split off a direct COPY included. */
  long batchRows() {
    return rows + repeats.rows();
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public String where() {
    return "rows " + firstRow + ".." + (firstRow + batchRows() - 1) + " of table \"" + spec.name() + "\"";
  }

  @Override
  public long oid() {
    return plan.oid();
  }

  @Override
  public Journal journal() {
    return journal;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void setup(UnitConnection c) throws SQLException {
    mode.setup(this, c);
  }

  @Override
  public String openCopy(UnitConnection c) throws SQLException {
    mode.beforeCopy(this, c);
    switch (staging.state()) {
      case DIRECT: {
        String table = loadTable == null ? target.target() : loadTable;
        CopyTypes.verify(c, table, true, spec, target.columns(), target.types());
        return StageSql.copy(table, target.columns());
      }
      case ORDERED:
        return openOrderedCopy(c);
      default:
        c.ensureTemp(target.stage(), target.createStage());
        CopyTypes.verify(c, target.stage(), false, spec, target.columns(), target.types());
        return target.copyToStage();
    }
  }

  /** The COPY into the ordered stage, made first if this connection has none yet. */
  String openOrderedCopy(UnitConnection c) throws SQLException {
    c.ensureTemp(ordered.stage(), ordered.createStage(), ordered.addOrd());
    CopyTypes.verify(c, ordered.stage(), false, spec, target.columns(), target.types());
    return ordered.copyToStage();
  }

  @Override
  public long[] apply(UnitConnection c, long copied) throws SQLException {
    long started = System.nanoTime();
    try {
      return mode.apply(this, c, copied);
    } finally {
      mergeNanos += System.nanoTime() - started;
    }
  }

  /**
   * Merges the rows split off the direct COPY, after it ({@link RepeatRows}); nothing when the batch
   * fell back to the ordered stage, whose merge took them with the rest.
   */
  long[] applyRepeats(UnitConnection c) throws SQLException {
    if (staging.state() != Staging.State.DIRECT) {
      return new long[3];
    }
    long started = System.nanoTime();
    try {
      return mode.applyRepeats(this, c);
    } finally {
      mergeNanos += System.nanoTime() - started;
    }
  }

  @Override
  public boolean adapt(String sqlState) {
    return staging.refused(sqlState);
  }

  @Override
  public long position(long row) {
    // Rows split off to RepeatRows left gaps in this journal's positions; they are few.
    long p = firstRow + row;
    for (int i = 0; i < repeats.rows() && repeats.positionAt(i) <= p; i++) {
      p++;
    }
    return p;
  }

  @Override
  public void landed(long[] counts) {
    count(counts);
    totals.mergeNanos += mergeNanos;
    staging.batchLanded();
  }

  /** Takes the counts of a landed part of the batch (this table's, or its {@link RepeatRows}'). */
  void count(long[] counts) {
    if (mode.countsBatches()) {
      totals.inserted += counts[0];
      totals.updated += counts[1];
      totals.deleted += counts[2];
    }
    mode.landed(counts);
  }

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
