package dev.pgdest.cli.internal.load;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rejects file of {@code --reject skip}: a CSV with the input, line, reason and the record's
 * text, one row per rejected record, so no row is lost without a trace. Created on the first
 * reject. Not thread-safe.
 */
final class Rejects implements AutoCloseable {
  private final Path path;
  private CsvWriter out;
  private long count;

  Rejects(Path path) {
    this.path = path;
  }

  void add(String input, long line, String reason, String record) {
    try {
      if (out == null) {
        out = CsvWriter.builder().build(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
        out.writeRecord("input", "line", "reason", "record");
      }
      out.writeRecord(input, Long.toString(line), reason, record == null ? "" : record);
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the rejects file " + path, e);
    }
  }

  long count() {
    return count;
  }

  Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
