package dev.pgdest.bench;

import java.util.List;

/**
 * Which cases a run selects: a comma-separated list of name parts, where a part selects the cases
 * whose names contain it and a part after "-" excludes them; no part selects all. The script
 * variants run only when a part names them. Immutable.
 */
final class Cases {
  private final List<String> only;

  Cases(List<String> only) {
    this.only = List.copyOf(only);
  }

  boolean selected(String name) {
    if (only.stream().anyMatch(o -> o.startsWith("-") && name.contains(o.substring(1)))) {
      return false;
    }
    List<String> wanted = only.stream().filter(o -> !o.startsWith("-")).toList();
    if (name.startsWith("variant") && wanted.stream().noneMatch(o -> o.contains("variant"))) {
      return false;
    }
    return wanted.isEmpty() || wanted.stream().anyMatch(name::contains);
  }
}
