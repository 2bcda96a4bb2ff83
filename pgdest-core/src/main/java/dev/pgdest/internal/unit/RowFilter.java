package dev.pgdest.internal.unit;

import java.sql.SQLException;

/**
 * Passes on the rows of a journaled binary COPY stream whose 0-based index is in {@code [from, to)}
 * and that are not excluded, parsing row boundaries as the bytes go by (a row is an int16 field
 * count, then per field an int32 length, -1 for NULL, and the bytes). This is how a refused row is
 * found without the server's message text (bisecting the journal) and how rejected rows are left
 * out of a replay, without keeping an offset per row. Not thread-safe.
 */
final class RowFilter implements Journal.Sender {
  /** Which rows to leave out. */
  interface Excluded {
    boolean contains(long row);
  }

  private final Journal.Sender target;
  private final long from;
  private final long to;
  private final Excluded excluded;
  private long row = -1;
  /** Bytes left of the current length or count word being read, and the word so far. */
  private int headerLeft = 2;
  private int word;
  private boolean readingCount = true;
  private int fieldsLeft;
  private long bodyLeft;
  private boolean pass;

  RowFilter(Journal.Sender target, long from, long to, Excluded excluded) {
    this.target = target;
    this.from = from;
    this.to = to;
    this.excluded = excluded;
  }

  /** Rows seen so far. */
  long rows() {
    return row + 1;
  }

  @Override
  public void send(byte[] b, int off, int len) throws SQLException {
    int end = off + len;
    int runStart = off;
    int i = off;
    while (i < end) {
      if (bodyLeft > 0) {
        int n = (int) Math.min(bodyLeft, end - i);
        i += n;
        bodyLeft -= n;
        if (bodyLeft == 0) {
          nextField();
        }
        continue;
      }
      if (readingCount && headerLeft == 2) {
        // A row starts here: flush what passed so far, decide about this row.
        if (pass && i > runStart) {
          target.send(b, runStart, i - runStart);
        }
        runStart = i;
        row++;
        pass = row >= from && row < to && (excluded == null || !excluded.contains(row));
      }
      word = (word << 8) | (b[i++] & 0xFF);
      if (--headerLeft == 0) {
        if (readingCount) {
          fieldsLeft = (short) word;
          readingCount = false;
          startField();
        } else {
          bodyLeft = word < 0 ? 0 : word;
          if (bodyLeft == 0) {
            nextField();
          }
        }
        word = 0;
      }
    }
    if (pass && end > runStart) {
      target.send(b, runStart, end - runStart);
    }
  }

  private void startField() {
    if (fieldsLeft <= 0) {
      readingCount = true;
      headerLeft = 2;
    } else {
      headerLeft = 4;
    }
  }

  private void nextField() {
    fieldsLeft--;
    startField();
  }
}
