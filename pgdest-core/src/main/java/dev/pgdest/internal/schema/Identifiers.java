package dev.pgdest.internal.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Makes caller-given names usable as PostgreSQL identifiers. PostgreSQL silently truncates names
 * beyond 63 bytes (NAMEDATALEN - 1), so two long names sharing a prefix would land in the same
 * column; pgdest shortens them itself, deterministically, keeping a hash of the full name.
 */
public final class Identifiers {
  /** Longest identifier PostgreSQL keeps, in bytes. */
  public static final int MAX_BYTES = 63;
  private static final int HASH_CHARS = 8;

  private Identifiers() {}

  /**
   * Checks that a name can be an identifier at all.
   *
   * @param what "table" or "column", for the message
   * @throws IllegalArgumentException when null, empty or holding NUL
   */
  public static void requireUsable(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + " name must not be empty");
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " name must not contain the NUL character (U+0000)");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c) ? i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(++i))
          : Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException(what + " name must not contain an unpaired surrogate");
      }
    }
  }

  /**
   * The name as stored: unchanged when it fits 63 bytes of UTF-8, else its longest prefix that
   * fits 54 bytes (never splitting a character), {@code _} and 8 hex digits of its SHA-256.
   */
  public static String sqlName(String name, String what) {
    requireUsable(name, what);
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_BYTES) {
      return name;
    }
    int budget = MAX_BYTES - HASH_CHARS - 1;
    StringBuilder prefix = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > budget) {
        break;
      }
      prefix.appendCodePoint(cp);
      bytes += len;
      i += Character.charCount(cp);
    }
    return prefix + "_" + sha256Hex(utf8).substring(0, HASH_CHARS);
  }

  static String sha256Hex(byte[] data) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
      StringBuilder s = new StringBuilder();
      for (byte b : d) {
        s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return s.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
