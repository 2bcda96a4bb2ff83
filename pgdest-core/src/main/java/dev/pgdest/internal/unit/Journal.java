package dev.pgdest.internal.unit;

import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.ChunkSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a batch's encoded COPY bytes so the whole batch can be replayed after a passing fault,
 * while they also stream live to the server. The first {@code memoryLimit} bytes stay in the
 * chunks the encoder filled (no copy); the rest spills to a temporary file, so memory per writer
 * is bounded by {@code memoryLimit} plus one chunk whatever the batch size. Not thread-safe.
 */
public final class Journal implements ChunkSink, AutoCloseable {

  /** Where chunks go: the open COPY. */
  @FunctionalInterface
  public interface Sender {
    void send(byte[] b, int off, int len) throws SQLException;
  }

  private final int chunkSize;
  private final long memoryLimit;
  private final List<byte[]> chunks = new ArrayList<>();
  private int[] lengths = new int[64];
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private long memoryBytes;
  private Path spillPath;
  private FileChannel spill;
  private long spillBytes;
  private Sender live;
  private SQLException liveFailure;
  private long bytesSent;

  /** A journal for chunks of {@code chunkSize} bytes keeping up to {@code memoryLimit} bytes in memory. */
  public Journal(int chunkSize, long memoryLimit) {
    this.chunkSize = Math.max(Bytes.MIN_CHUNK, chunkSize);
    this.memoryLimit = memoryLimit;
  }

  /** Streams every following chunk to {@code sender} as well, until it fails or {@link #stopLive()}. */
  public void goLive(Sender sender) {
    this.live = sender;
    this.liveFailure = null;
  }

  /** Stops streaming; the chunks still go to the journal. */
  public void stopLive() {
    live = null;
  }

  /** Whether chunks are still streaming to the server. */
  public boolean isLive() {
    return live != null;
  }

  /** The failure that stopped live streaming, or null. */
  public SQLException liveFailure() {
    return liveFailure;
  }

  /** Bytes sent to the server, live and replayed, since construction. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Bytes of the current batch held. */
  public long size() {
    return memoryBytes + spillBytes;
  }

  @Override
  public byte[] accept(byte[] chunk, int len) {
    if (live != null) {
      try {
        live.send(chunk, 0, len);
        bytesSent += len;
      } catch (SQLException e) {
        live = null;
        liveFailure = e;
      }
    }
    if (spillBytes == 0 && memoryBytes + len <= memoryLimit) {
      if (chunks.size() == lengths.length) {
        lengths = java.util.Arrays.copyOf(lengths, lengths.length * 2);
      }
      lengths[chunks.size()] = len;
      chunks.add(chunk);
      memoryBytes += len;
      byte[] next = free.poll();
      return next != null ? next : new byte[chunkSize];
    }
    try {
      if (spill == null) {
        spillPath = Files.createTempFile("pgdest-batch-", ".copy");
        spillPath.toFile().deleteOnExit();
        spill = FileChannel.open(spillPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
      }
      ByteBuffer b = ByteBuffer.wrap(chunk, 0, len);
      while (b.hasRemaining()) {
        spill.write(b, spillBytes + b.position());
      }
      spillBytes += len;
      return chunk;
    } catch (IOException e) {
      throw new UncheckedIOException("spilling a batch to a temporary file failed", e);
    }
  }

  /** Sends the whole batch again, in order. */
  public void replay(Sender sender) throws SQLException {
    for (int i = 0; i < chunks.size(); i++) {
      sender.send(chunks.get(i), 0, lengths[i]);
      bytesSent += lengths[i];
    }
    if (spillBytes > 0) {
      byte[] buf = free.isEmpty() ? new byte[chunkSize] : free.peek();
      try {
        for (long at = 0; at < spillBytes; ) {
          ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, spillBytes - at));
          while (b.hasRemaining()) {
            if (spill.read(b, at + b.position()) < 0) {
              throw new IOException("temporary batch file is shorter than written");
            }
          }
          sender.send(buf, 0, b.limit());
          bytesSent += b.limit();
          at += b.limit();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading a batch back from its temporary file failed", e);
      }
    }
  }

  /** Forgets the batch, keeping the chunks for reuse. */
  public void reset() {
    free.addAll(chunks);
    chunks.clear();
    memoryBytes = 0;
    spillBytes = 0;
    live = null;
    liveFailure = null;
  }

  /** Deletes the spill file. */
  @Override
  public void close() {
    reset();
    free.clear();
    if (spill != null) {
      try {
        spill.close();
        Files.deleteIfExists(spillPath);
      } catch (IOException e) {
        // Best effort: the file is marked delete-on-exit as well.
      }
      spill = null;
    }
  }
}
