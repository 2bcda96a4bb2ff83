package dev.pgdest.internal.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.internal.copy.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JournalTest {

  @Test
  void journalReplaysEverythingInOrderEvenAfterSpillingToDisk() throws Exception {
    byte[] data = new byte[1_000_000];
    new Random(1).nextBytes(data);
    ByteArrayOutputStream live = new ByteArrayOutputStream();
    try (Journal journal = new Journal(Bytes.MIN_CHUNK, 200_000)) {
      for (int round = 0; round < 2; round++) {
        live.reset();
        journal.goLive((b, off, len) -> live.write(b, off, len));
        Bytes out = new Bytes(Bytes.MIN_CHUNK, journal);
        out.write(data, 0, data.length);
        out.flush();
        assertThat(live.toByteArray()).as("live stream, round %d", round).isEqualTo(data);
        ByteArrayOutputStream replay = new ByteArrayOutputStream();
        journal.replay((b, off, len) -> replay.write(b, off, len));
        assertThat(replay.toByteArray()).as("replay, round %d", round).isEqualTo(data);
        assertThat(journal.size()).isEqualTo(data.length);
        journal.reset();
      }
    }
  }

  @Test
  void journalKeepsRowsWhenTheLiveStreamFails() throws Exception {
    try (Journal journal = new Journal(Bytes.MIN_CHUNK, 1 << 20)) {
      journal.goLive((b, off, len) -> {
        throw new java.sql.SQLException("connection reset", "08006");
      });
      Bytes out = new Bytes(Bytes.MIN_CHUNK, journal);
      out.write(new byte[100_000], 0, 100_000);
      out.flush();
      assertThat(journal.isLive()).isFalse();
      assertThat(journal.liveFailure().getSQLState()).isEqualTo("08006");
      assertThat(journal.size()).isEqualTo(100_000);
    }
  }
}
