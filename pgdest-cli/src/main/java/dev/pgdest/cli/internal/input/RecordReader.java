package dev.pgdest.cli.internal.input;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Reads the records of one input in order. Not thread-safe.
 *
 * <p>A record that cannot be read (a ragged CSV row, a JSON line that does not parse) comes as an
 * {@link InputException} naming the line; the reader can go on with the next record after it.
 * A record may be shorter than {@link #columns()} when later records added columns.
 */
public interface RecordReader extends Closeable {

  /** The column names known so far (CSV: the header; JSON Lines: keys in order of appearance). */
  List<String> columns();

  /** Notes about the header worth telling the user (renamed columns), in order. */
  List<String> notes();

  /**
   * The next record, or null at the end.
   *
   * @throws InputException for a record that cannot be read; the next call reads on after it
   */
  Record next() throws IOException;

  /** The record just read as text for a rejects file: the original line, or the fields re-joined. */
  String rawText(Record record);
}
