package dev.pgdest.ssh.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs private key text the way it arrives from web forms, JSON and environment variables:
 * literal {@code \n} escapes, CRLF or CR line ends, indentation, and keys flattened onto one line.
 */
final class KeyTexts {
  private static final Pattern ONE_LINE =
      Pattern.compile("(-----BEGIN [A-Z0-9 ]+-----)\\s*(.*?)\\s*(-----END [A-Z0-9 ]+-----)", Pattern.DOTALL);
  private static final int LINE_WIDTH = 64;

  private KeyTexts() {}

  static String normalize(String text) {
    String s = text.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\r", "\n");
    s = s.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(s.length());
    for (String line : s.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() || out.length() > 0) {
        out.append(trimmed).append('\n');
      }
    }
    String joined = out.toString().strip() + "\n";
    return unflatten(joined);
  }

  /** A key pasted as one line ("-----BEGIN ...----- AAAA BBBB -----END ...-----") gets its lines back. */
  private static String unflatten(String s) {
    if (s.indexOf('\n') < s.length() - 1) {
      return s;
    }
    Matcher m = ONE_LINE.matcher(s);
    if (!m.find() || m.group(2).contains(":")) {
      // Encrypted PEM has "Proc-Type:" headers whose line breaks cannot be guessed back.
      return s;
    }
    String body = m.group(2).replaceAll("\\s+", "");
    StringBuilder out = new StringBuilder(m.group(1)).append('\n');
    for (int i = 0; i < body.length(); i += LINE_WIDTH) {
      out.append(body, i, Math.min(body.length(), i + LINE_WIDTH)).append('\n');
    }
    return out.append(m.group(3)).append('\n').toString();
  }
}
