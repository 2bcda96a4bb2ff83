package dev.pgdest.it.sync;

import dev.pgdest.TableSpec;
import dev.pgdest.testkit.TestDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A table's rows grouped by {@code id} (several rows per id show a double), read as the
 * administrator, and a short account of how they differ from a reference model: the whole map
 * would drown an assertion message.
 */
final class TableContents {
  private TableContents() {}

  /** Rows by id, each a list of the spec's column values in order. */
  static Map<Long, List<List<Object>>> read(TestDestination dest, TableSpec spec) {
    String columns = spec.columns().stream().map(c -> "\"" + c.sqlName() + "\"").collect(Collectors.joining(", "));
    Map<Long, List<List<Object>>> out = new TreeMap<>();
    for (Map<String, Object> row : dest.query("SELECT " + columns + " FROM " + dest.qualified(spec.sqlName()))) {
      List<Object> values = new ArrayList<>(row.values());
      out.computeIfAbsent(((Number) values.get(0)).longValue(), k -> new ArrayList<>()).add(values);
    }
    return out;
  }

  /** "" when equal; else the counts of missing, extra, doubled and changed ids, with a few of each. */
  static String diff(Map<Long, List<List<Object>>> expected, Map<Long, List<List<Object>>> actual) {
    TreeSet<Long> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    TreeSet<Long> extra = new TreeSet<>(actual.keySet());
    extra.removeAll(expected.keySet());
    TreeSet<Long> doubled = new TreeSet<>();
    List<String> changed = new ArrayList<>();
    for (Map.Entry<Long, List<List<Object>>> e : actual.entrySet()) {
      if (e.getValue().size() > 1) {
        doubled.add(e.getKey());
      }
      List<List<Object>> want = expected.get(e.getKey());
      if (want != null && e.getValue().size() == 1 && !Objects.equals(want, e.getValue())) {
        changed.add(e.getKey() + ": expected " + want.get(0) + " got " + e.getValue().get(0));
      }
    }
    if (missing.isEmpty() && extra.isEmpty() && doubled.isEmpty() && changed.isEmpty()) {
      return "";
    }
    return "missing " + missing.size() + " " + first(missing) + ", extra " + extra.size() + " " + first(extra)
        + ", doubled " + doubled.size() + " " + first(doubled) + ", changed " + changed.size() + " " + first(changed);
  }

  private static String first(java.util.Collection<?> c) {
    return c.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", ", "[", c.size() > 5 ? ", ...]" : "]"));
  }
}
