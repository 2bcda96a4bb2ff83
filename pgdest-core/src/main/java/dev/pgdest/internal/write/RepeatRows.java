package dev.pgdest.internal.write;

import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.unit.Journal;
import dev.pgdest.internal.unit.TableWork;
import dev.pgdest.internal.unit.UnitConnection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The rows of a direct batch whose key hash was seen before, in the batch or in the writer's last
 * (direct) batch (a repeated key, or a harmless collision): journaled apart from the rest,
 * copied into the table's ordered stage after the direct COPY ends, and merged into the table then,
 * so that the later rows win over the first ones copied straight in. A second {@link TableWork} of the batch's unit, listed after its {@link
 * TableStage}: the unit copies and applies them in that order. When the batch falls back to the
 * ordered stage, these rows follow the rest of it there and the stage's merge takes them. Not
 * thread-safe.
 */
final class RepeatRows implements TableWork {
  private final TableStage stage;
  private final Journal journal;
  private final Bytes out;
  private long[] positions = new long[64];
  private int rows;

  RepeatRows(TableStage stage, Journal journal) {
    this.stage = stage;
    this.journal = journal;
    this.out = new Bytes(Bytes.MIN_CHUNK, journal);
  }

  /** Adds an encoded row with its writer-wide position. */
  void add(Bytes row, long position) {
    out.write(row);
    if (rows == positions.length) {
      positions = Arrays.copyOf(positions, rows * 2);
    }
    positions[rows++] = position;
  }

  /** Forgets the batch. */
  void reset() {
    journal.reset();
    out.reset();
    rows = 0;
  }

  /** Bytes of the batch's repeated rows. */
  long bytes() {
    return out.written();
  }

  /** The writer-wide position of the batch's {@code i}th repeated row, in ascending order. */
  long positionAt(int i) {
    return positions[i];
  }

  @Override
  public String name() {
    return stage.name();
  }

  @Override
  public String where() {
    return stage.where();
  }

  @Override
  public long oid() {
    return stage.oid();
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
    return stage.openOrderedCopy(c);
  }

  @Override
  public long[] apply(UnitConnection c, long copied) throws SQLException {
    return stage.applyRepeats(c);
  }

  @Override
  public boolean adapt(String sqlState) {
    return stage.adapt(sqlState);
  }

  @Override
  public long position(long row) {
    return positions[(int) row];
  }

  @Override
  public void landed(long[] counts) {
    stage.count(counts);
  }
}
