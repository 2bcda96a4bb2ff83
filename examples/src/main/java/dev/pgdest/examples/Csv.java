package dev.pgdest.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: comma separated, double quotes around fields, "" inside quotes, quoted newlines. */
final class Csv {
  private Csv() {}

  /** The fields of the record starting with {@code line} (reading on for quoted newlines), or null at the end. */
  static List<String> parse(String line, BufferedReader more) throws IOException {
    if (line == null) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (true) {
      if (i == line.length()) {
        if (!quoted) {
          break;
        }
        String next = more.readLine();
        if (next == null) {
          throw new IOException("unterminated quoted CSV field");
        }
        field.append('\n');
        line = next;
        i = 0;
        continue;
      }
      char c = line.charAt(i++);
      if (quoted) {
        if (c == '"' && i < line.length() && line.charAt(i) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
