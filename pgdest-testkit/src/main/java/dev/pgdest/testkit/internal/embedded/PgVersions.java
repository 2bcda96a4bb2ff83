package dev.pgdest.testkit.internal.embedded;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The zonky binaries version used for each supported PostgreSQL major, overridable per major with
 * the system property {@code pgdest.embedded.version.<major>} (for example
 * {@code -Dpgdest.embedded.version.16=16.14.0}).
 */
final class PgVersions {

  static final int DEFAULT_MAJOR = 17;
  static final int MIN_MAJOR = 12;
  static final int MAX_MAJOR = 18;
  static final String PROPERTY_PREFIX = "pgdest.embedded.version.";

  // The build prefetches the same versions (the parent pom's prefetch-postgres-binaries execution).
  private static final Map<Integer, String> DEFAULTS = Map.of(
      12, "12.22.0",
      13, "13.23.0",
      14, "14.24.0",
      15, "15.19.0",
      16, "16.15.0",
      17, "17.11.0",
      18, "18.6.0");

  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-\\d+)?");

  private PgVersions() {}

  static void checkMajor(int major) {
    if (major < MIN_MAJOR || major > MAX_MAJOR) {
      throw new IllegalArgumentException(
          "majorVersion must be in " + MIN_MAJOR + ".." + MAX_MAJOR + ": " + major);
    }
  }

  /** The full binaries version for {@code major}, for example {@code "17.11.0"}. */
  static String fullVersion(int major) {
    checkMajor(major);
    String property = PROPERTY_PREFIX + major;
    String override = System.getProperty(property);
    if (override == null || override.isBlank()) {
      return DEFAULTS.get(major);
    }
    String v = override.trim();
    if (!VERSION.matcher(v).matches() || !v.startsWith(major + ".")) {
      throw new IllegalArgumentException(
          property + " must be a binaries version of major " + major + " such as "
              + DEFAULTS.get(major) + ": " + v);
    }
    return v;
  }
}
