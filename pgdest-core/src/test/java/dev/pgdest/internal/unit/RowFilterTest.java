package dev.pgdest.internal.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Row boundaries of the binary COPY stream are found whatever the chunking. */
class RowFilterTest {

  /** Row i: 2 fields, an int4 i and a text of i bytes; row 3's text is NULL. */
  private static byte[] rows(int n) {
    ByteBuffer b = ByteBuffer.allocate(64 * n + 1000);
    for (int i = 0; i < n; i++) {
      b.putShort((short) 2).putInt(4).putInt(i);
      if (i == 3) {
        b.putInt(-1);
      } else {
        b.putInt(i);
        for (int k = 0; k < i; k++) {
          b.put((byte) 'x');
        }
      }
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  private static byte[] filter(byte[] data, int chunk, long from, long to, RowFilter.Excluded excluded)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RowFilter f = new RowFilter((b, off, len) -> out.write(b, off, len), from, to, excluded);
    for (int at = 0; at < data.length; at += chunk) {
      f.send(data, at, Math.min(chunk, data.length - at));
    }
    assertThat(f.rows()).isEqualTo(50);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] all, int[] rowsWanted, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int r : rowsWanted) {
      byte[] one = rows(r + 1);
      byte[] before = rows(r);
      out.write(one, before.length, one.length - before.length);
    }
    return out.toByteArray();
  }

  @Test
  void everyRowPassesUnfilteredInAnyChunking() throws Exception {
    byte[] data = rows(50);
    for (int chunk : new int[] {1, 3, 7, 64, 100_000}) {
      assertThat(filter(data, chunk, 0, Long.MAX_VALUE, null)).as("chunks of %d", chunk).isEqualTo(data);
    }
  }

  @Test
  void aRangeAndExclusionsLeaveOutExactlyThoseRows() throws Exception {
    byte[] data = rows(50);
    for (int chunk : new int[] {1, 5, 1000}) {
      assertThat(filter(data, chunk, 2, 6, r -> r == 4)).as("chunks of %d", chunk)
          .isEqualTo(concat(data, new int[] {2, 3, 5}, 50));
    }
  }
}
