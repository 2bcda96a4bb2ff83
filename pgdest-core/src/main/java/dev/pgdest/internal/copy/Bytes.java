package dev.pgdest.internal.copy;

/**
 * A byte buffer that writes PostgreSQL's big-endian wire integers without allocating. With a
 * {@link ChunkSink} it streams: a full buffer is handed to the sink, which returns the array to
 * continue with, so memory stays at one chunk however much is written. Without a sink it grows
 * (scratch space for values whose length must be known before they are written, such as arrays).
 */
public final class Bytes {
  /** The smallest chunk: PostgreSQL's COPY protocol and pgjdbc both work best with large writes. */
  public static final int MIN_CHUNK = 64 * 1024;

  byte[] buf;
  int pos;
  private final ChunkSink sink;
  private long flushed;

  /** A streaming buffer of {@code chunk} bytes (at least {@link #MIN_CHUNK}) feeding {@code sink}. */
  public Bytes(int chunk, ChunkSink sink) {
    this(new byte[Math.max(MIN_CHUNK, chunk)], sink);
  }

  private Bytes(byte[] initial, ChunkSink sink) {
    this.buf = initial;
    this.sink = sink;
  }

  /** A growable scratch buffer. */
  public static Bytes scratch(int initial) {
    return new Bytes(new byte[Math.max(16, initial)], null);
  }

  /** Bytes written so far, flushed or not. */
  public long written() {
    return flushed + pos;
  }

  /** Makes room for {@code n} more contiguous bytes; {@code n} must not exceed a chunk when streaming. */
  public void ensure(int n) {
    if (pos + n > buf.length) {
      if (sink != null) {
        flush();
      } else {
        grow(n);
      }
    }
  }

  /** Bytes that fit before the next flush or growth. */
  int room() {
    return buf.length - pos;
  }

  private void grow(int n) {
    long want = Math.max((long) buf.length * 2, (long) pos + n);
    if (want > Integer.MAX_VALUE - 16) {
      throw new ValueRejected("value is larger than 2 GiB");
    }
    buf = java.util.Arrays.copyOf(buf, (int) want);
  }

  /** Hands the buffered bytes to the sink. */
  public void flush() {
    if (sink != null && pos > 0) {
      flushed += pos;
      byte[] next = sink.accept(buf, pos);
      buf = next;
      pos = 0;
    }
  }

  /** Forgets everything written (scratch use) or resets the count (a new batch). */
  public void reset() {
    pos = 0;
    flushed = 0;
  }

  public void writeByte(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
  }

  public void writeShort(int v) {
    ensure(2);
    byte[] b = buf;
    int p = pos;
    b[p] = (byte) (v >>> 8);
    b[p + 1] = (byte) v;
    pos = p + 2;
  }

  public void writeInt(int v) {
    ensure(4);
    putInt(buf, pos, v);
    pos += 4;
  }

  public void writeLong(long v) {
    ensure(8);
    byte[] b = buf;
    int p = pos;
    putInt(b, p, (int) (v >>> 32));
    putInt(b, p + 4, (int) v);
    pos = p + 8;
  }

  /** Writes an int32 length followed by an int64: the whole encoding of an 8-byte field. */
  public void writeField8(long v) {
    ensure(12);
    byte[] b = buf;
    int p = pos;
    putInt(b, p, 8);
    putInt(b, p + 4, (int) (v >>> 32));
    putInt(b, p + 8, (int) v);
    pos = p + 12;
  }

  /** Writes an int32 length followed by an int32. */
  public void writeField4(int v) {
    ensure(8);
    byte[] b = buf;
    int p = pos;
    putInt(b, p, 4);
    putInt(b, p + 4, v);
    pos = p + 8;
  }

  public void write(byte[] src, int off, int len) {
    if (sink == null) {
      ensure(len);
      System.arraycopy(src, off, buf, pos, len);
      pos += len;
      return;
    }
    while (len > 0) {
      if (pos == buf.length) {
        flush();
      }
      int n = Math.min(len, buf.length - pos);
      System.arraycopy(src, off, buf, pos, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  /** Copies all of a scratch buffer's bytes into this one. */
  public void write(Bytes scratch) {
    write(scratch.buf, 0, scratch.pos);
  }

  static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }
}
