package dev.pgdest.it.sync;

import dev.pgdest.testkit.TestDestination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the checkpoint table as the administrator, the way an operator would look at it. */
final class Checkpoints {
  static final String TABLE = "_pgdest_checkpoints";

  private Checkpoints() {}

  /** Stored positions of a sync name, by key; keys claimed but never committed are left out. */
  static Map<String, String> positions(TestDestination dest, String syncName) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!dest.tableExists(TABLE)) {
      return out;
    }
    List<Map<String, Object>> rows = dest.query("SELECT key, position FROM " + dest.qualified(TABLE)
        + " WHERE sync_name = ? AND position IS NOT NULL ORDER BY key", syncName);
    for (Map<String, Object> row : rows) {
      out.put((String) row.get("key"), (String) row.get("position"));
    }
    return out;
  }

  /** Stored epochs of a sync name, by key. */
  static Map<String, Long> epochs(TestDestination dest, String syncName) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map<String, Object> row : dest.query("SELECT key, epoch FROM " + dest.qualified(TABLE)
        + " WHERE sync_name = ? ORDER BY key", syncName)) {
      out.put((String) row.get("key"), ((Number) row.get("epoch")).longValue());
    }
    return out;
  }
}
