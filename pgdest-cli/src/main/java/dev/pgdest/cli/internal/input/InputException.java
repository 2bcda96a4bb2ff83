package dev.pgdest.cli.internal.input;

/**
 * A record that cannot be read, with the input's name, the line and, when known, the column. The
 * message never quotes a value.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final long line;
  private final transient Record record;

  /** A record at fault; {@code record} is what could be read of it (for a rejects file), or null. */
  public InputException(String input, long line, String reason, Record record) {
    super(input + " line " + line + ": " + reason);
    this.input = input;
    this.line = line;
    this.record = record;
  }

  /** The input's name: a file name or {@code stdin}. */
  public String input() {
    return input;
  }

  /** The 1-based line the record starts on. */
  public long line() {
    return line;
  }

  /** The reason without the input and line. */
  public String reason() {
    String m = getMessage();
    return m.substring(m.indexOf(": ") + 2);
  }

  /** What could be read of the record, or null. */
  public Record record() {
    return record;
  }
}
