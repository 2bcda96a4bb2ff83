package dev.pgdest.cli.internal.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines through Jackson's streaming parser, one object per line. Columns are the keys in the
 * order they first appear; a key missing from a line is NULL; of a key repeated in one object the
 * last value counts.
 */
final class JsonLinesRecords implements RecordReader {
  static final JsonFactory JSON = JsonFactory.builder().build();

  private final String input;
  private final BufferedReader in;
  private final List<String> columns = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private long line;
  private String lastLine;

  JsonLinesRecords(String input, BufferedReader in) {
    this.input = input;
    this.in = in;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public List<String> notes() {
    return List.of();
  }

  @Override
  public Record next() throws IOException {
    String text;
    do {
      text = in.readLine();
      line++;
      if (text == null) {
        return null;
      }
    } while (text.isBlank());
    lastLine = text;
    String[] texts = new String[columns.size()];
    Token[] tokens = new Token[columns.size()];
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw fail("not a JSON object", null);
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String key = p.currentName();
        Integer i = index.get(key);
        if (i == null) {
          i = columns.size();
          columns.add(key);
          index.put(key, i);
          texts = Arrays.copyOf(texts, columns.size());
          tokens = Arrays.copyOf(tokens, columns.size());
        }
        JsonToken v = p.nextToken();
        switch (v) {
          case VALUE_NULL -> {
            texts[i] = null;
            tokens[i] = null;
          }
          case VALUE_STRING -> set(texts, tokens, i, p.getText(), Token.JSON_STRING);
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> set(texts, tokens, i, p.getText(), Token.JSON_NUMBER);
          case VALUE_TRUE, VALUE_FALSE -> set(texts, tokens, i, p.getText(), Token.JSON_BOOLEAN);
          default -> set(texts, tokens, i, structure(p), Token.JSON_STRUCTURE);
        }
      }
      if (p.nextToken() != null) {
        throw fail("more than one JSON value on the line", null);
      }
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      throw fail("not valid JSON" + where + ": " + e.getOriginalMessage().replaceAll("\\(.*", "").strip(), null);
    }
    return new Record(line, texts, tokens, text);
  }

  private static void set(String[] texts, Token[] tokens, int i, String text, Token token) {
    texts[i] = text;
    tokens[i] = token;
  }

  private static String structure(JsonParser p) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }

  private InputException fail(String reason, Record r) {
    Record what = r != null ? r : new Record(line, new String[0], new Token[0], lastLine);
    return new InputException(input, line, reason, what);
  }

  @Override
  public String rawText(Record record) {
    return record.raw();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
