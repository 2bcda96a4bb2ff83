package dev.pgdest.examples;

import dev.pgdest.PgType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one JSON object per line: scalars become Java values (String, Long, BigDecimal, Boolean,
 * null), nested objects and arrays are kept as JSON text for jsonb columns.
 */
final class JsonLine {
  /** A nested object or array, kept as its JSON text. */
  record Raw(String json) {
    @Override
    public String toString() {
      return json;
    }
  }

  private final String s;
  private int i;

  private JsonLine(String s) {
    this.s = s;
  }

  static Map<String, Object> parse(String line) {
    JsonLine p = new JsonLine(line);
    p.skip();
    p.expect('{');
    Map<String, Object> out = new LinkedHashMap<>();
    p.skip();
    if (p.peek() == '}') {
      return out;
    }
    while (true) {
      p.skip();
      String key = p.string();
      p.skip();
      p.expect(':');
      p.skip();
      Object v = p.value();
      out.put(key, v instanceof Raw r ? r.json() : v);
      p.skip();
      if (p.peek() == ',') {
        p.i++;
        continue;
      }
      p.expect('}');
      return out;
    }
  }

  /** The column type for the first value seen of a field. */
  static PgType typeOf(Object v) {
    if (v instanceof Long) {
      return PgType.BIGINT;
    }
    if (v instanceof BigDecimal) {
      return PgType.NUMERIC;
    }
    if (v instanceof Boolean) {
      return PgType.BOOLEAN;
    }
    if (v instanceof String str && (str.startsWith("{") || str.startsWith("["))) {
      return PgType.JSONB;
    }
    return PgType.TEXT;
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '{' || c == '[') {
      int start = i;
      skipNested();
      return new Raw(s.substring(start, i));
    }
    if (s.startsWith("true", i)) {
      i += 4;
      return Boolean.TRUE;
    }
    if (s.startsWith("false", i)) {
      i += 5;
      return Boolean.FALSE;
    }
    if (s.startsWith("null", i)) {
      i += 4;
      return null;
    }
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String n = s.substring(start, i);
    if (n.isEmpty()) {
      throw new IllegalArgumentException("invalid JSON at character " + start);
    }
    BigDecimal d = new BigDecimal(n);
    return n.matches("-?\\d+") && d.toBigInteger().bitLength() < 64 ? (Object) d.longValueExact() : d;
  }

  private void skipNested() {
    int depth = 0;
    do {
      char c = s.charAt(i);
      if (c == '"') {
        string();
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      i++;
    } while (depth > 0);
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n': b.append('\n'); break;
        case 't': b.append('\t'); break;
        case 'r': b.append('\r'); break;
        case 'b': b.append('\b'); break;
        case 'f': b.append('\f'); break;
        case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
        default: b.append(e);
      }
    }
  }

  private char peek() {
    if (i >= s.length()) {
      throw new IllegalArgumentException("JSON line ends early");
    }
    return s.charAt(i);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new IllegalArgumentException("expected '" + c + "' at character " + i);
    }
    i++;
  }

  private void skip() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
