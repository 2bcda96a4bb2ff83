package dev.pgdest.cli.internal.input;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a header line into usable, distinct column names, noting every change it makes. */
final class Headers {
  private Headers() {}

  /**
   * Strips surrounding spaces, names empty headers {@code column_N} (N the 1-based position: pandas
   * writes its index column with an empty name) and suffixes repeats with {@code _2}, {@code _3}...
   */
  static List<String> clean(List<String> raw, List<String> notes) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String given = raw.get(i);
      String name = given.strip().replace("\u0000", "");
      if (name.isEmpty()) {
        name = "column_" + (i + 1);
        notes.add("column " + (i + 1) + " has an empty name in the header (as pandas writes its index): named \""
            + name + "\"");
      } else if (!name.equals(given)) {
        notes.add("column " + (i + 1) + ": spaces around the header name removed: \"" + name + "\"");
      }
      String unique = name;
      for (int n = 2; !seen.add(unique); n++) {
        unique = name + "_" + n;
      }
      if (!unique.equals(name)) {
        notes.add("column " + (i + 1) + ": \"" + name + "\" repeats an earlier header name: named \"" + unique + "\"");
      }
      out.add(unique);
    }
    return out;
  }
}
