package dev.pgdest.connect.json;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Why a JSON document cannot become Connect data, and where in it: the path grows as the refusal
 * travels out of nested structs, arrays and maps. Never carries a value, only its JSON kind. Thrown
 * often enough with {@code errors.tolerance=all} that it skips the stack trace.
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private String path = "";

  Refusal(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }

  static Refusal expected(String what, JsonToken found) {
    return new Refusal("expected " + what + ", found " + kind(found));
  }

  /** Prefixes a struct field's name, or an array's or map's position, to the path. */
  Refusal in(String segment) {
    path = path.isEmpty() || path.startsWith("[") ? segment + path : segment + "." + path;
    return this;
  }

  @Override
  public String getMessage() {
    return path.isEmpty() ? reason : "at '" + path + "': " + reason;
  }

  static String kind(JsonToken t) {
    if (t == null) {
      return "the end of the input";
    }
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
        return "an integer";
      case VALUE_NUMBER_FLOAT:
        return "a number with a fraction or exponent";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return t.name();
    }
  }
}
