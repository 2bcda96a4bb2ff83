package dev.pgdest.internal.sync;

import dev.pgdest.DataException;
import dev.pgdest.PgType;
import dev.pgdest.Rejection;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.WriteMode;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.KeySet;
import dev.pgdest.internal.copy.RowEncoder;
import dev.pgdest.internal.errors.SqlStates;
import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.sql.ChangeSql;
import dev.pgdest.internal.sql.Locks;
import dev.pgdest.internal.sql.Sql;
import dev.pgdest.internal.sql.StageSql;
import dev.pgdest.internal.type.ColumnTypes;
import dev.pgdest.internal.unit.Journal;
import dev.pgdest.internal.unit.TableWork;
import dev.pgdest.internal.unit.UnitConnection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table's changes within a sync session: each change is validated and encoded on the caller's
 * thread (into scratch space first, so that a refused one leaves no trace), journaled with a delete
 * flag, and applied at commit by {@link ChangeSql}. APPEND tables copy straight into the table. Not
 * thread-safe.
 */
final class SyncTable implements TableChanges, TableWork {
  /** Journal bytes kept in memory; the rest spills to a temporary file. */
  private static final long JOURNAL_MEMORY = 8L * 1024 * 1024;

  private final DefaultSyncSession session;
  private final TableSpec spec;
  private final TablePlan plan;
  private final WriteMode mode;
  private final RowEncoder encoder;
  private final Journal journal;
  private final Bytes out;
  private final Bytes scratch = Bytes.scratch(1024);
  private final KeySet keySet = new KeySet();
  private final ChangeSql changes;
  private final String appendCopy;
  private final List<String> keyNames;
  private final boolean softDeleteLast;
  private final Set<Long> excluded = new HashSet<>();
  private long[] positions = new long[1024];
  private long rows;
  private boolean duplicates;
  private boolean deletes;
  private long[] landed;

  SyncTable(DefaultSyncSession session, TableSpec spec, WriteMode mode, TablePlan plan, int serverMajor,
      EncodeContext ctx) {
    this.session = session;
    this.spec = spec;
    this.plan = plan;
    this.mode = mode;
    List<RowEncoder.Field> fields = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < spec.columns().size(); i++) {
      TableSpec.Column c = spec.columns().get(i);
      PgType type = plan.columnTypes().get(i);
      fields.add(new RowEncoder.Field(c.name(), type, c.nullable(), spec.primaryKey().contains(c.name()),
          ColumnTypes.encoder(type)));
      columns.add(c.sqlName());
    }
    this.encoder = new RowEncoder(spec.name(), fields, ctx);
    this.journal = new Journal(Bytes.MIN_CHUNK, JOURNAL_MEMORY);
    this.out = new Bytes(Bytes.MIN_CHUNK, journal);
    this.keyNames = spec.primaryKey();
    String target = Sql.qualified(plan.schema(), plan.table());
    this.appendCopy = StageSql.copy(target, columns);
    String op = free("pgdest_op", columns);
    String ord = free("pgdest_ord", columns);
    this.changes = new ChangeSql(target, "pg_temp." + Sql.ident("pgdest_changes_" + DefaultSyncSession.hex(8)),
        columns, plan.columnTypes(), spec.primaryKey().stream().map(k -> spec.column(k).orElseThrow().sqlName()).toList(),
        spec.versionColumn().map(v -> spec.column(v).orElseThrow().sqlName()).orElse(null),
        spec.softDeleteColumn().map(v -> spec.column(v).orElseThrow().sqlName()).orElse(null), op, ord);
    List<TableSpec.Column> cols = spec.columns();
    this.softDeleteLast = spec.softDeleteColumn().isPresent()
        && cols.get(cols.size() - 1).name().equals(spec.softDeleteColumn().get());
  }

  private static String free(String name, List<String> columns) {
    while (columns.contains(name)) {
      name = name + "_";
    }
    return name;
  }

  @Override
  public TableSpec spec() {
    return spec;
  }

  @Override
  public long upsert(Object... values) {
    require(WriteMode.UPSERT, "upsert");
    Object[] row = values;
    if (softDeleteLast && values.length == spec.columns().size() - 1) {
      row = Arrays.copyOf(values, values.length + 1); // the soft-delete column, cleared
    }
    return add(row, false);
  }

  @Override
  public long upsert(Map<String, ?> row) {
    require(WriteMode.UPSERT, "upsert");
    return add(byName(row), false);
  }

  @Override
  public long delete(Object... key) {
    require(WriteMode.UPSERT, "delete");
    if (key.length != keyNames.size()) {
      throw new IllegalArgumentException("table \"" + spec.name() + "\": " + key.length + " key values given for a key of "
          + keyNames.size() + " columns");
    }
    Object[] row = new Object[spec.columns().size()];
    for (int i = 0; i < key.length; i++) {
      row[spec.indexOf(keyNames.get(i))] = key[i];
    }
    return add(row, true);
  }

  @Override
  public long delete(Map<String, ?> key) {
    require(WriteMode.UPSERT, "delete");
    Object[] row = new Object[spec.columns().size()];
    Object[] given = byName(key);
    for (String k : keyNames) {
      row[spec.indexOf(k)] = given[spec.indexOf(k)];
    }
    // A delete that carries its version applies only over older rows.
    spec.versionColumn().ifPresent(v -> row[spec.indexOf(v)] = given[spec.indexOf(v)]);
    return add(row, true);
  }

  @Override
  public long append(Object... values) {
    require(WriteMode.APPEND, "append");
    return add(values, false);
  }

  @Override
  public long append(Map<String, ?> row) {
    require(WriteMode.APPEND, "append");
    return add(byName(row), false);
  }

  private void require(WriteMode wanted, String what) {
    session.requireOpen();
    if (mode != wanted) {
      throw new IllegalStateException("table \"" + spec.name() + "\" is an " + mode + " table of this sync session; "
          + what + " needs an " + wanted + " table");
    }
  }

  private Object[] byName(Map<String, ?> values) {
    Object[] row = new Object[spec.columns().size()];
    for (Map.Entry<String, ?> e : values.entrySet()) {
      int i = spec.indexOf(e.getKey());
      if (i < 0) {
        throw new IllegalArgumentException("table \"" + spec.name() + "\" has no column named \"" + e.getKey() + "\"");
      }
      row[i] = e.getValue();
    }
    return row;
  }

  /** Encodes a change into scratch space, then into the journal; a refusal goes to the session's policy. */
  private long add(Object[] row, boolean delete) {
    long position = session.nextPosition();
    scratch.reset();
    long hash;
    try {
      hash = mode == WriteMode.APPEND ? encoder.encode(row, scratch, position)
          : encoder.encodeChange(row, scratch, position, delete);
    } catch (DataException e) {
      session.refusedByClient(new Rejection(spec.name(), position, e.column(), null, e.getMessage()), e);
      return position;
    }
    if (rows == 0) {
      session.streamTo(this);
    }
    out.write(scratch);
    if (rows == positions.length) {
      positions = Arrays.copyOf(positions, positions.length * 2);
    }
    positions[(int) rows] = position;
    rows++;
    deletes |= delete;
    if (mode == WriteMode.UPSERT && keySet.add(hash)) {
      duplicates = true;
    }
    return position;
  }

  /** Bytes of changes given since the last commit. */
  long bytes() {
    return out.written();
  }

  /** Changes the server refused and the session skipped. */
  long skipped() {
    return excluded.size();
  }

  /** What the last commit landed: inserted, updated, deleted. */
  long[] landedCounts() {
    return landed == null ? new long[3] : landed;
  }

  /** Forgets the changes since the last commit. */
  void reset() {
    journal.reset();
    out.reset();
    rows = 0;
    excluded.clear();
    keySet.clear();
    duplicates = false;
    deletes = false;
    landed = null;
  }

  /** Deletes the journal's spill file. */
  void close() {
    journal.close();
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public String where() {
    return rows + " changes to table \"" + spec.name() + "\"";
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
  public String openCopy(UnitConnection c) throws SQLException {
    if (mode == WriteMode.APPEND) {
      return appendCopy;
    }
    c.ensureTemp(changes.stage(), changes.createStage(), changes.addChangeColumns());
    return changes.copy();
  }

  @Override
  public long[] apply(UnitConnection c, long copied) throws SQLException {
    if (mode == WriteMode.APPEND) {
      return new long[] {copied, 0, 0};
    }
    c.execute(Locks.merge(plan.oid()));
    if (duplicates) {
      c.execute(changes.analyze());
      String newest = changes.keepNewestVersion();
      if (newest != null) {
        c.update(newest);
      }
      c.update(changes.keepLast());
    }
    // Without a delete among the changes the statement would only scan the stage.
    long deleted = deletes ? c.update(changes.applyDeletes()) : 0;
    if (plan.uniqueKey()) {
      long[] r = c.queryLongs(changes.upsert(), 2);
      return new long[] {r[0], r[1], deleted};
    }
    c.execute(changes.analyze());
    String update = changes.updateFrom();
    long updated = update == null ? 0 : c.update(update);
    return new long[] {c.update(changes.insertMissing()), updated, deleted};
  }

  @Override
  public boolean adapt(String sqlState) {
    if (mode == WriteMode.UPSERT && !duplicates && SqlStates.CARDINALITY_VIOLATION.equals(sqlState)) {
      duplicates = true; // keys equal on the server that hashed apart on the client
      return true;
    }
    return false;
  }

  @Override
  public boolean excluded(long row) {
    return !excluded.isEmpty() && excluded.contains(row);
  }

  @Override
  public boolean reject(long row, String column, String sqlState, String reason) {
    if (row < 0 || !session.skipsRejects()) {
      return false;
    }
    excluded.add(row);
    session.refusedByServer(new Rejection(spec.name(), position(row), column, sqlState, reason));
    return true;
  }

  @Override
  public long position(long row) {
    return positions[(int) row];
  }

  @Override
  public void landed(long[] counts) {
    landed = counts;
  }
}
