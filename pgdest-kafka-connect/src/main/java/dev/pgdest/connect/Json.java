package dev.pgdest.connect;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Writes nested record values (structs, maps, arrays) as JSON text for {@code jsonb} columns. A
 * writer of its own because the plugin must not rely on the worker's Jackson, and the values here
 * are only the handful of types Connect produces.
 */
final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object v, StringBuilder out) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>) {
      string(v.toString(), out);
    } else if (v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      // JSON has no NaN or infinity; a string keeps the value readable instead of failing the row.
      string(d.toString(), out);
    } else if (v instanceof Float f && (f.isNaN() || f.isInfinite())) {
      string(f.toString(), out);
    } else if (v instanceof BigDecimal b) {
      out.append(b.toPlainString());
    } else if (v instanceof Number) {
      out.append(v);
    } else if (v instanceof byte[] b) {
      string(Base64.getEncoder().encodeToString(b), out);
    } else if (v instanceof ByteBuffer bb) {
      byte[] b = new byte[bb.remaining()];
      bb.duplicate().get(b);
      string(Base64.getEncoder().encodeToString(b), out);
    } else if (v instanceof Struct s) {
      out.append('{');
      boolean first = true;
      for (Field f : s.schema().fields()) {
        first = comma(first, out);
        string(f.name(), out);
        out.append(':');
        write(ConnectValues.plain(f.schema(), s.get(f)), out);
      }
      out.append('}');
    } else if (v instanceof Map<?, ?> m) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        first = comma(first, out);
        string(String.valueOf(e.getKey()), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (v instanceof Collection<?> c) {
      out.append('[');
      boolean first = true;
      for (Object e : c) {
        first = comma(first, out);
        write(e, out);
      }
      out.append(']');
    } else {
      string(v.toString(), out);
    }
  }

  private static boolean comma(boolean first, StringBuilder out) {
    if (!first) {
      out.append(',');
    }
    return false;
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
