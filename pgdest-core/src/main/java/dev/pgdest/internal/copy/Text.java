package dev.pgdest.internal.copy;

import dev.pgdest.NulPolicy;

/**
 * Encodes text and JSON straight to UTF-8 into the COPY buffer, without an intermediate byte
 * array. PostgreSQL cannot store U+0000 in text, nor unpaired surrogates in UTF-8, and jsonb
 * refuses the escapes {@code \u0000} and lone {@code \uD800}-style surrogates: such values are
 * sanitized by the {@link NulPolicy}, which is the only path that allocates.
 */
public final class Text {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Text() {}

  /**
   * Writes the field (length and bytes) and returns a hash of the stored text.
   *
   * @param maxChars the varchar limit in characters, or -1
   */
  static long encode(CharSequence s, Bytes out, EncodeContext ctx, boolean json, int maxChars) {
    return encode(s, out, ctx, json, maxChars, false);
  }

  /** As {@link #encode(CharSequence, Bytes, EncodeContext, boolean, int)}, with jsonb's version byte first. */
  public static long encode(CharSequence s, Bytes out, EncodeContext ctx, boolean json, int maxChars, boolean jsonb) {
    int n = s.length();
    long utf8 = 0;
    int pairs = 0;
    long hash = FNV_OFFSET;
    boolean dirty = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      hash = (hash ^ c) * FNV_PRIME;
      if (c < 0x80) {
        utf8++;
        if (c == 0) {
          dirty = true;
        } else if (c == '\\' && json && i + 1 < n) {
          int skip = escapeLength(s, i);
          if (skip < 0) {
            dirty = true;
          } else {
            for (int k = 1; k < skip; k++) {
              hash = (hash ^ s.charAt(i + k)) * FNV_PRIME;
            }
            utf8 += skip - 1;
            i += skip - 1;
          }
        }
      } else if (c < 0x800) {
        utf8 += 2;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          hash = (hash ^ s.charAt(i + 1)) * FNV_PRIME;
          utf8 += 4;
          pairs++;
          i++;
        } else {
          dirty = true;
        }
      } else {
        utf8 += 3;
      }
    }
    if (dirty) {
      if (ctx.nulPolicy == NulPolicy.FAIL) {
        throw new ValueRejected(json
            ? "contains a NUL character, a \\u0000 escape or an unpaired surrogate (nulPolicy FAIL)"
            : "contains a NUL character or an unpaired surrogate (nulPolicy FAIL)");
      }
      ctx.sanitized++;
      return encode(sanitize(s, json, ctx.nulPolicy == NulPolicy.REPLACE), out, ctx, json, maxChars, jsonb);
    }
    if (maxChars >= 0 && n - pairs > maxChars) {
      throw new ValueRejected("is longer than varchar(" + maxChars + ")");
    }
    if (utf8 > Integer.MAX_VALUE - 16) {
      throw new ValueRejected("is larger than 1 GiB, the most PostgreSQL stores in one value");
    }
    if (jsonb) {
      out.writeInt((int) utf8 + 1);
      out.writeByte(1); // jsonb's binary format: a version byte, then the JSON text
    } else {
      out.writeInt((int) utf8);
    }
    if (utf8 == n && s instanceof String str) {
      writeAscii(str, out);
    } else {
      writeUtf8(s, out);
    }
    return hash;
  }

  /**
   * The length of a JSON escape starting at a backslash at {@code i}: 2 for {@code \x}, 6 for a
   * harmless {@code \\uXXXX}, 12 for an escaped surrogate pair; -1 for one the server would reject.
   */
  private static int escapeLength(CharSequence s, int i) {
    if (s.charAt(i + 1) != 'u') {
      return 2;
    }
    int code = hex4(s, i + 2);
    if (code < 0) {
      return 2; // malformed: let the server's JSON parser report it
    }
    if (code == 0 || Character.isLowSurrogate((char) code)) {
      return -1;
    }
    if (Character.isHighSurrogate((char) code)) {
      if (i + 7 < s.length() && s.charAt(i + 6) == '\\' && s.charAt(i + 7) == 'u') {
        int low = hex4(s, i + 8);
        if (low >= 0 && Character.isLowSurrogate((char) low)) {
          return 12;
        }
      }
      return -1;
    }
    return 6;
  }

  private static int hex4(CharSequence s, int from) {
    if (from + 4 > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + 4; k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0) {
        return -1;
      }
      v = v << 4 | d;
    }
    return v;
  }

  static String sanitize(CharSequence s, boolean json, boolean replace) {
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0) {
        if (replace) {
          b.append(json ? "\\ufffd" : "\ufffd");
        }
      } else if (c == '\\' && json && i + 1 < n) {
        int skip = escapeLength(s, i);
        if (skip < 0) {
          if (replace) {
            b.append("\\ufffd");
          }
          skip = 6;
        } else {
          b.append(s, i, i + skip);
        }
        i += skip - 1;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          b.append(c).append(s.charAt(++i));
        } else if (replace) {
          b.append('\ufffd');
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @SuppressWarnings("deprecation")
  private static void writeAscii(String s, Bytes out) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      out.ensure(1);
      int k = Math.min(n - i, out.room());
      // String.getBytes(int, int, byte[], int) copies Latin-1 strings with one arraycopy; it is
      // exact here because every character is ASCII.
      s.getBytes(i, i + k, out.buf, out.pos);
      out.pos += k;
      i += k;
    }
  }

  private static void writeUtf8(CharSequence s, Bytes out) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      out.ensure(4);
      byte[] b = out.buf;
      int p = out.pos;
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | c >> 6);
        b[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c)) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xF0 | cp >> 18);
        b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
        b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | cp & 0x3F);
      } else {
        b[p++] = (byte) (0xE0 | c >> 12);
        b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | c & 0x3F);
      }
      out.pos = p;
    }
  }
}
