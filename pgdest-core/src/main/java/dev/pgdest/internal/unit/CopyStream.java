package dev.pgdest.internal.unit;

import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One binary {@code COPY ... FROM STDIN}: opened, fed, and ended or cancelled here and nowhere
 * else. The journal holds rows only; the header and trailer of the binary format are written here,
 * so one journal can feed several COPY runs (live, replays, probes for a refused row).
 */
final class CopyStream {
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
  private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

  private CopyIn copy;

  private CopyStream(CopyIn copy) {
    this.copy = copy;
  }

  /** Starts a COPY and sends the binary header. */
  static CopyStream open(java.sql.Connection connection, String sql) throws SQLException {
    CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    CopyStream s = new CopyStream(in);
    try {
      in.writeToCopy(HEADER, 0, HEADER.length);
    } catch (SQLException e) {
      s.cancel();
      throw e;
    }
    return s;
  }

  /** Sends row bytes. */
  void send(byte[] b, int off, int len) throws SQLException {
    copy.writeToCopy(b, off, len);
  }

  /** Sends the trailer and ends the COPY; returns the rows the server took. */
  long end() throws SQLException {
    CopyIn c = copy;
    copy = null;
    try {
      c.writeToCopy(TRAILER, 0, TRAILER.length);
      return c.endCopy();
    } finally {
      if (c.isActive()) {
        cancelQuietly(c);
      }
    }
  }

  /** Abandons the COPY, if still open. Never throws. */
  void cancel() {
    CopyIn c = copy;
    copy = null;
    if (c != null && c.isActive()) {
      cancelQuietly(c);
    }
  }

  private static void cancelQuietly(CopyIn c) {
    try {
      c.cancelCopy();
    } catch (SQLException | RuntimeException e) {
      // The connection is going anyway; its state is settled by the rollback or eviction that follows.
    }
  }
}
