package dev.pgdest.internal.copy;

/**
 * Checks JSON text the way PostgreSQL's {@code json} and {@code jsonb} input does (RFC 8259: one
 * value, whitespace {@code " \t\n\r"}, strict numbers and literals, escaped control characters),
 * so that a value the server would refuse is rejected on the client, with its column and row, and
 * never costs a whole batch. Never stricter than the server: what it accepts on any supported
 * major passes. U+0000 characters, and the {@code \u0000} and unpaired surrogate escapes that
 * {@code jsonb} cannot store, are left to the {@link dev.pgdest.NulPolicy}.
 *
 * <p>{@link #problem} is thread-safe.
 */
public final class JsonSyntax {
  /** Deeper values are left to the server (which has its own stack limit), not recursed into here. */
  private static final int MAX_DEPTH = 256;

  /** One checker per thread, reused: a row's check allocates nothing. */
  private static final ThreadLocal<JsonSyntax> CHECKERS = ThreadLocal.withInitial(JsonSyntax::new);

  private CharSequence s;
  private int at;
  private int depth;

  private JsonSyntax() {}

  /**
   * Why {@code text} is not valid JSON, or null when it is. The reason names an offset, never the
   * text.
   */
  public static String problem(CharSequence text) {
    JsonSyntax p = CHECKERS.get();
    p.s = text;
    p.at = 0;
    p.depth = 0;
    try {
      p.value();
      p.space();
      if (p.at < text.length()) {
        return p.unexpected("after the JSON value");
      }
      return null;
    } catch (Invalid e) {
      return e == TOO_DEEP ? null : e.getMessage();
    } finally {
      p.s = null;
    }
  }

  private void value() {
    if (++depth > MAX_DEPTH) {
      throw TOO_DEEP;
    }
    space();
    char c = peek();
    switch (c) {
      case '{': object(); break;
      case '[': array(); break;
      case '"': string(); break;
      case 't': literal("true"); break;
      case 'f': literal("false"); break;
      case 'n': literal("null"); break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw new Invalid(unexpected("where a value should start"));
        }
    }
    depth--;
  }

  private void object() {
    at++;
    space();
    if (peek() == '}') {
      at++;
      return;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw new Invalid(unexpected("where an object key should start"));
      }
      string();
      space();
      expect(':', "after an object key");
      value();
      space();
      char c = peek();
      at++;
      if (c == '}') {
        return;
      }
      if (c != ',') {
        at--;
        throw new Invalid(unexpected("where ',' or '}' should follow"));
      }
    }
  }

  private void array() {
    at++;
    space();
    if (peek() == ']') {
      at++;
      return;
    }
    while (true) {
      value();
      space();
      char c = peek();
      at++;
      if (c == ']') {
        return;
      }
      if (c != ',') {
        at--;
        throw new Invalid(unexpected("where ',' or ']' should follow"));
      }
    }
  }

  private void string() {
    at++;
    while (true) {
      if (at >= s.length()) {
        throw new Invalid("is not valid JSON: a string is not closed");
      }
      char c = s.charAt(at++);
      if (c == '"') {
        return;
      }
      if (c == '\\') {
        escape();
      } else if (c < 0x20 && c != 0) {
        throw new Invalid("is not valid JSON: an unescaped control character at offset " + (at - 1));
      }
    }
  }

  private void escape() {
    char c = at < s.length() ? s.charAt(at++) : 0;
    switch (c) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return;
      case 'u':
        hex4();
        return;
      default:
        throw new Invalid("is not valid JSON: an invalid escape at offset " + (at - 2));
    }
  }

  private int hex4() {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = at < s.length() ? Character.digit(s.charAt(at), 16) : -1;
      if (d < 0) {
        throw new Invalid("is not valid JSON: \\u must be followed by four hex digits, at offset " + at);
      }
      v = v * 16 + d;
      at++;
    }
    return v;
  }

  private void number() {
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (!digits()) {
      throw new Invalid(unexpected("where a digit should follow"));
    }
    if (peek() == '.') {
      at++;
      if (!digits()) {
        throw new Invalid(unexpected("where a fraction digit should follow"));
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (!digits()) {
        throw new Invalid(unexpected("where an exponent digit should follow"));
      }
    }
  }

  private boolean digits() {
    int start = at;
    while (peek() >= '0' && peek() <= '9') {
      at++;
    }
    return at > start;
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++, at++) {
      if (peek() != word.charAt(i)) {
        throw new Invalid(unexpected("in a literal (true, false or null)"));
      }
    }
  }

  private void expect(char c, String where) {
    if (peek() != c) {
      throw new Invalid(unexpected(where));
    }
    at++;
  }

  /** Skips whitespace, and U+0000 (left to the NUL policy). */
  private void space() {
    while (at < s.length()) {
      char c = s.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != 0) {
        return;
      }
      at++;
    }
  }

  /** The next character, U+0000 skipped, or U+FFFF at the end. */
  private char peek() {
    while (at < s.length() && s.charAt(at) == 0) {
      at++;
    }
    return at < s.length() ? s.charAt(at) : '\uffff';
  }

  private String unexpected(String where) {
    return at >= s.length() ? "is not valid JSON: it ends " + where
        : "is not valid JSON: unexpected character at offset " + at + ", " + where;
  }

  private static final Invalid TOO_DEEP = new Invalid("nested too deep to check here");

  /** Control flow: no stack trace. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }
}
