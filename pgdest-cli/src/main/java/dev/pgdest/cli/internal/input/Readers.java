package dev.pgdest.cli.internal.input;

import java.io.BufferedReader;
import java.io.IOException;

/** Opens an {@link Input} as records of its format. */
public final class Readers {
  private Readers() {}

  /**
   * Opens {@code input} as {@code format}, or as the format its name says, or as its first line
   * suggests (standard input, unknown extensions). {@code delimiter} replaces CSV's comma when
   * not null (e.g. {@code ;}, as European spreadsheets write).
   *
   * @return the reader and the format chosen
   */
  public static Opened open(Input input, Format format, Character delimiter) throws IOException {
    BufferedReader in = new BufferedReader(input.open(), 1 << 16);
    Format f = format != null ? format : input.formatByName();
    if (f == null) {
      in.mark(1 << 16);
      String first = in.readLine();
      in.reset();
      f = first == null ? Format.CSV : Format.sniff(first);
    }
    RecordReader reader = switch (f) {
      case CSV -> new CsvRecords(input.name(), in, delimiter == null ? ',' : delimiter);
      case TSV -> new CsvRecords(input.name(), in, '\t');
      case JSONL -> new JsonLinesRecords(input.name(), in);
    };
    return new Opened(reader, f);
  }

  /** An opened reader and the format it reads. */
  public record Opened(RecordReader reader, Format format) {}
}
