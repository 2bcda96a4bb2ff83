package dev.pgdest.internal.sync;

import dev.pgdest.FencedException;
import dev.pgdest.internal.sql.CheckpointSql;
import dev.pgdest.internal.sql.Locks;
import dev.pgdest.internal.unit.UnitConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sync session's claims on checkpoint keys and the statements that check them: the epoch each
 * claim returned, the fence check under row locks, and the position writes, all inside the unit's
 * transaction. Not thread-safe.
 */
final class Checkpoints {
  private final String schema;
  private final String session;
  /** Claimed key to the epoch the claim returned. Sorted: keys are locked in one order everywhere. */
  private final Map<String, Long> claims = new TreeMap<>();
  private boolean tableReady;

  Checkpoints(String schema, String session) {
    this.schema = schema;
    this.session = session;
  }

  /** Creates the checkpoint table on first use; commits. */
  void ensureTable(UnitConnection c) throws SQLException {
    if (tableReady) {
      return;
    }
    try (Statement st = c.connection().createStatement()) {
      st.execute(Locks.checkpoints(schema));
      st.execute(CheckpointSql.create(schema));
    }
    c.commitSetup();
    tableReady = true;
  }

  /**
   * Claims keys in the open transaction (in sorted order, so concurrent claimers never deadlock).
   *
   * @return the stored positions of the keys that have one; the epochs are kept once the claim commits
   */
  Map<String, Long> claim(UnitConnection c, List<String> keys, Map<String, String> positions) throws SQLException {
    Map<String, Long> epochs = new TreeMap<>();
    positions.clear();
    Connection conn = c.connection();
    try (PreparedStatement ps = conn.prepareStatement(CheckpointSql.claim(schema))) {
      for (String key : new java.util.TreeSet<>(keys)) {
        ps.setString(1, session);
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          epochs.put(key, rs.getLong(1));
          String position = rs.getString(2);
          if (position != null) {
            positions.put(key, position);
          }
        }
      }
    }
    return epochs;
  }

  /** Keeps the epochs of a committed claim. */
  void claimed(Map<String, Long> epochs) {
    claims.putAll(epochs);
  }

  /** Whether this session claimed the key. */
  boolean holds(String key) {
    return claims.containsKey(key);
  }

  /**
   * Checks that no other session claimed any of {@code keys} since this one did, locking their rows
   * until the commit, then writes the positions.
   *
   * @throws FencedException when a key was claimed since; the caller's unit rolls back
   */
  void verifyAndWrite(UnitConnection c, Iterable<String> keys, Map<String, String> positions) throws SQLException {
    Connection conn = c.connection();
    try (PreparedStatement ps = conn.prepareStatement(CheckpointSql.lockEpoch(schema))) {
      for (String key : keys) {
        ps.setString(1, session);
        ps.setString(2, key);
        long current;
        try (ResultSet rs = ps.executeQuery()) {
          current = rs.next() ? rs.getLong(1) : -1;
        }
        long mine = claims.get(key);
        if (current != mine) {
          throw new FencedException("sync session \"" + session + "\": checkpoint key \"" + key
              + "\" was claimed by another session (epoch " + current + ", this session holds " + mine
              + "); nothing of this commit landed", key, mine, current);
        }
      }
    }
    try (PreparedStatement ps = conn.prepareStatement(CheckpointSql.writePosition(schema))) {
      for (Map.Entry<String, String> e : new TreeMap<>(positions).entrySet()) {
        ps.setString(1, e.getValue());
        ps.setString(2, session);
        ps.setString(3, e.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The keys a commit must fence: those it writes, or every claimed one when it writes none. */
  Iterable<String> fenceKeys(Map<String, String> positions) {
    return positions.isEmpty() ? new java.util.ArrayList<>(claims.keySet()) : new TreeMap<>(positions).keySet();
  }

  /** Epochs held, for tests and messages. */
  Map<String, Long> epochs() {
    return new HashMap<>(claims);
  }
}
