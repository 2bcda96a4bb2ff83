package dev.pgdest.testkit.internal.junit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The PostgreSQL majors a version matrix runs: the annotation's list (or every supported major),
 * narrowed by the system property {@code pgdest.test.versions}.
 *
 * <p>Stateless and thread-safe.
 *
 * <p>{@code Majors.select(new int[0], "13,17")} is {@code [13, 17]}.
 */
public final class Majors {

  /** The property that narrows a matrix. */
  public static final String PROPERTY = "pgdest.test.versions";

  /** Every supported major, oldest first. */
  public static final List<Integer> SUPPORTED = List.of(12, 13, 14, 15, 16, 17, 18);

  private Majors() {}

  /** The majors to run, in ascending order. */
  public static List<Integer> select(int[] declared, String property) {
    Set<Integer> base = new LinkedHashSet<>();
    if (declared.length == 0) {
      base.addAll(SUPPORTED);
    } else {
      for (int major : declared) {
        requireSupported(major, "@PgdestVersions");
        base.add(major);
      }
    }
    if (property != null && !property.isBlank() && !property.trim().equalsIgnoreCase("all")) {
      base.retainAll(parse(property));
    }
    List<Integer> result = new ArrayList<>(base);
    result.sort(null);
    return result;
  }

  /** Parses {@code 17}, {@code 13,17} or {@code 13-18} (mixed freely). */
  static Set<Integer> parse(String property) {
    Set<Integer> majors = new LinkedHashSet<>();
    for (String part : property.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        int dash = p.indexOf('-');
        if (dash > 0) {
          int from = Integer.parseInt(p.substring(0, dash).trim());
          int to = Integer.parseInt(p.substring(dash + 1).trim());
          requireSupported(from, PROPERTY);
          requireSupported(to, PROPERTY);
          IntStream.rangeClosed(from, to).forEach(majors::add);
        } else {
          int major = Integer.parseInt(p);
          requireSupported(major, PROPERTY);
          majors.add(major);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PROPERTY + " must list majors like 17, 13,17 or 13-18: " + property, e);
      }
    }
    return majors;
  }

  private static void requireSupported(int major, String where) {
    if (!SUPPORTED.contains(major)) {
      throw new IllegalArgumentException(where + ": PostgreSQL " + major + " is not supported; supported majors are "
          + SUPPORTED);
    }
  }
}
