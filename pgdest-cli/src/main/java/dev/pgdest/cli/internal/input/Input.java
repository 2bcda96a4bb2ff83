package dev.pgdest.cli.internal.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * One input of a load: a file or standard input ({@code -}). Opening it undoes gzip (found by its
 * magic bytes, whatever the name) and a byte-order mark (UTF-8, or UTF-16 as Excel's "Unicode text"
 * writes), and counts the bytes read for progress. Not thread-safe, except {@link
 * #bytesRead()}.
 */
public final class Input {
  private final String name;
  private final Path path;
  private final InputStream stdin;
  private final AtomicLong bytesRead = new AtomicLong();
  private boolean stdinOpened;

  private Input(String name, Path path, InputStream stdin) {
    this.name = name;
    this.path = path;
    this.stdin = stdin;
  }

  /** The input {@code arg} names: {@code -} is {@code stdin}, anything else a file. */
  public static Input of(String arg, InputStream stdin) {
    return "-".equals(arg) ? new Input("stdin", null, stdin) : new Input(arg, Path.of(arg), null);
  }

  /** The name messages use: the file name as given, or {@code stdin}. */
  public String name() {
    return name;
  }

  /** Whether this is standard input, which can be read only once. */
  public boolean isStdin() {
    return path == null;
  }

  /** The file's size in bytes (compressed, for gzip), or -1 for standard input. */
  public long size() throws IOException {
    return path == null ? -1 : Files.size(path);
  }

  /**
   * Bytes read from the file (before gunzip) since it was last opened: the sample's reading does not
   * count twice. Thread-safe.
   */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** The format its name says, or null. */
  public Format formatByName() {
    return path == null ? null : Format.ofFileName(path.getFileName().toString());
  }

  /**
   * Opens the content as text, gunzipped and with any byte-order mark consumed.
   *
   * @throws IOException when the file cannot be read; standard input opens only once
   */
  public Reader open() throws IOException {
    InputStream raw;
    if (path == null) {
      if (stdinOpened) {
        throw new IOException("standard input can be read only once");
      }
      stdinOpened = true;
      raw = stdin;
    } else {
      raw = Files.newInputStream(path);
      bytesRead.set(0);
    }
    BufferedInputStream in = new BufferedInputStream(new Counting(raw, bytesRead), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    InputStream content = in;
    if (b1 == 0x1f && b2 == 0x8b) {
      content = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return new InputStreamReader(content, skipBom(content));
  }

  /** Reads a byte-order mark if there is one and returns the charset it names; UTF-8 otherwise. */
  private static Charset skipBom(InputStream in) throws IOException {
    in.mark(3);
    int b1 = in.read();
    int b2 = in.read();
    int b3 = in.read();
    if (b1 == 0xEF && b2 == 0xBB && b3 == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    in.reset();
    if (b1 == 0xFF && b2 == 0xFE) {
      in.skip(2);
      return StandardCharsets.UTF_16LE;
    }
    if (b1 == 0xFE && b2 == 0xFF) {
      in.skip(2);
      return StandardCharsets.UTF_16BE;
    }
    return StandardCharsets.UTF_8;
  }

  private static final class Counting extends java.io.FilterInputStream {
    private final AtomicLong count;

    Counting(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }
  }
}
