package dev.pgdest.cli.internal.input;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * CSV and TSV records through FastCSV: the first record is the header, every later one must have
 * as many fields. Keeps whether each field was quoted, because a quoted field is never a null
 * marker ({@code ""} is an empty string, an empty unquoted field is NULL by default).
 */
final class CsvRecords implements RecordReader {
  private final String input;
  private final char separator;
  private final CsvReader<Fields> reader;
  private final Iterator<Fields> it;
  private final List<String> columns;
  private final List<String> notes = new ArrayList<>();

  CsvRecords(String input, Reader in, char separator) throws IOException {
    this.input = input;
    this.separator = separator;
    this.reader = CsvReader.builder().fieldSeparator(separator).allowExtraFields(true).allowMissingFields(true)
        .skipEmptyLines(true).build(new Handler(), in);
    this.it = reader.iterator();
    if (!it.hasNext()) {
      throw new IOException(input + " is empty: a header line is needed");
    }
    this.columns = Headers.clean(Arrays.asList(it.next().texts), notes);
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public Record next() throws IOException {
    Fields f;
    try {
      if (!it.hasNext()) {
        return null;
      }
      f = it.next();
    } catch (CsvParseException e) {
      throw new IOException(input + ": " + e.getMessage(), e);
    }
    Record r = new Record(f.line, f.texts, f.tokens, null);
    if (f.texts.length != columns.size()) {
      throw new InputException(input, f.line, f.texts.length + " fields where the header has " + columns.size()
          + " (a ragged row)", r);
    }
    return r;
  }

  @Override
  public String rawText(Record record) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < record.texts().length; i++) {
      if (i > 0) {
        out.append(separator);
      }
      String t = record.texts()[i];
      boolean quote = record.tokens()[i] == Token.QUOTED || t.indexOf(separator) >= 0 || t.indexOf('"') >= 0
          || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0;
      out.append(quote ? '"' + t.replace("\"", "\"\"") + '"' : t);
    }
    return out.toString();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** A record's fields as FastCSV hands them over, with their quoting. */
  private static final class Fields {
    final long line;
    final String[] texts;
    final Token[] tokens;

    Fields(long line, String[] texts, Token[] tokens) {
      this.line = line;
      this.texts = texts;
      this.tokens = tokens;
    }
  }

  private static final class Handler extends AbstractBaseCsvCallbackHandler<Fields> {
    private String[] texts = new String[16];
    private Token[] tokens = new Token[16];
    private Token[] allBare = new Token[0];
    private int count;
    private boolean quoted;

    @Override
    protected void handleBegin(long line) {
      count = 0;
      quoted = false;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
      if (count == texts.length) {
        texts = Arrays.copyOf(texts, count * 2);
        tokens = Arrays.copyOf(tokens, count * 2);
      }
      texts[count] = new String(buf, offset, len);
      tokens[count++] = quoted ? Token.QUOTED : Token.BARE;
      this.quoted |= quoted;
    }

    @Override
    protected Fields buildRecord() {
      // Records without quotes, most of a typical file, share one read-only array of tokens.
      if (!quoted && allBare.length != count) {
        allBare = new Token[count];
        Arrays.fill(allBare, Token.BARE);
      }
      return new Fields(getStartingLineNumber(), Arrays.copyOf(texts, count),
          quoted ? Arrays.copyOf(tokens, count) : allBare);
    }
  }
}
