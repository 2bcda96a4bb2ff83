package dev.pgdest.internal.check;

import dev.pgdest.CheckReport.Item;
import dev.pgdest.DestinationConfig;
import java.util.Optional;

/**
 * Warns about white space around the username or password. Both are used exactly as typed, and
 * such white space is legal, but it is far more often a copy-and-paste slip than intended.
 */
final class CredentialsCheck {
  static final String ID = "credentials";

  private CredentialsCheck() {}

  static Optional<Item> check(DestinationConfig config) {
    boolean user = hasOuterWhiteSpace(config.username());
    boolean password = config.password().map(CredentialsCheck::hasOuterWhiteSpace).orElse(false);
    if (!user && !password) {
      return Optional.empty();
    }
    String which = user && password ? "the username and the password start or end"
        : user ? "the username starts or ends" : "the password starts or ends";
    return Optional.of(Checklist.warn(ID, "username and password as typed", which + " with white space. It is"
        + " kept as is, because it may be intended, but it is usually a copy-and-paste slip."));
  }

  static boolean hasOuterWhiteSpace(DestinationConfig config) {
    return hasOuterWhiteSpace(config.username()) || config.password().map(CredentialsCheck::hasOuterWhiteSpace).orElse(false);
  }

  private static boolean hasOuterWhiteSpace(String s) {
    return !s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))
        || Character.isSpaceChar(s.charAt(0)) || Character.isSpaceChar(s.charAt(s.length() - 1)));
  }
}
