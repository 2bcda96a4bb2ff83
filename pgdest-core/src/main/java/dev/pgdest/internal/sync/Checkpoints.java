package dev.pgdest.internal.sync;

import dev.pgdest.FencedException;
import dev.pgdest.internal.errors.SqlStates;
import dev.pgdest.internal.sql.CheckpointSql;
import dev.pgdest.internal.unit.UnitConnection;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sync session's claims on checkpoint keys and their use in a commit: the epoch each claim
 * returned, the fence check under the rows' locks, and the position writes, through the
 * statements of {@link CheckpointSql}. Not thread-safe.
 */
final class Checkpoints {
  private final String schema;
  private final String session;
  /** Claimed key to the epoch the claim returned. */
  private final Map<String, Long> claims = new TreeMap<>();
  private boolean tableReady;

  Checkpoints(String schema, String session) {
    this.schema = schema;
    this.session = session;
  }

  /** Creates the checkpoint table on first use (race-safe); commits. */
  void ensureTable(UnitConnection c) throws SQLException {
    if (tableReady) {
      return;
    }
    Connection conn = c.connection();
    boolean exists;
    try (PreparedStatement ps = conn.prepareStatement(CheckpointSql.exists())) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        exists = rs.next() && rs.getBoolean(1);
      }
    }
    if (!exists) {
      try (Statement st = conn.createStatement()) {
        st.execute(CheckpointSql.createLock(schema));
        st.execute(CheckpointSql.create(schema));
      } catch (SQLException e) {
        conn.rollback();
        if (!CheckpointSql.lostCreateRace(SqlStates.sqlStateOf(e))) {
          throw e;
        }
      }
    }
    c.commitSetup();
    tableReady = true;
  }

  /**
   * Claims keys in the open transaction, bumping their epochs.
   *
   * @param positions receives the stored positions of the keys that have one
   * @return the epochs, kept by {@link #claimed} once the claim committed
   */
  Map<String, Long> claim(UnitConnection c, List<String> keys, Map<String, String> positions) throws SQLException {
    Map<String, Long> epochs = new TreeMap<>();
    positions.clear();
    Connection conn = c.connection();
    try (PreparedStatement ps = conn.prepareStatement(CheckpointSql.claim(schema))) {
      ps.setString(1, session);
      ps.setArray(2, conn.createArrayOf("text", keys.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          epochs.put(rs.getString(1), rs.getLong(2));
          if (rs.getString(3) != null) {
            positions.put(rs.getString(1), rs.getString(3));
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

  /** The keys a commit must fence: those it writes, or every claimed one when it writes none. */
  List<String> fenceKeys(Map<String, String> positions) {
    return new ArrayList<>(positions.isEmpty() ? claims.keySet() : new TreeMap<>(positions).keySet());
  }

  /**
   * Checks, under the rows' locks held until the commit ends, that no other session claimed any of
   * {@code keys} since this one did. Runs before the data is merged, so a fenced session does no
   * merge work and a newer claim waits for a commit in flight instead of fencing it half-way.
   *
   * @throws FencedException when a key was claimed since (or its row is gone); the unit rolls back
   */
  void verify(UnitConnection c, List<String> keys) throws SQLException {
    Connection conn = c.connection();
    Map<String, Long> stored = new HashMap<>();
    try (PreparedStatement ps = conn.prepareStatement(CheckpointSql.lockForCommit(schema))) {
      ps.setString(1, session);
      ps.setArray(2, conn.createArrayOf("text", keys.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    for (String key : keys) {
      long mine = claims.get(key);
      long current = stored.getOrDefault(key, -1L);
      if (current != mine) {
        throw fenced(key, mine, current);
      }
    }
  }

  /** Writes the positions, only where the rows are still at this session's epochs. */
  void write(UnitConnection c, Map<String, String> positions) throws SQLException {
    if (positions.isEmpty()) {
      return;
    }
    Connection conn = c.connection();
    List<String> names = new ArrayList<>(new TreeMap<>(positions).keySet());
    Object[] values = names.stream().map(positions::get).toArray();
    Object[] epochs = names.stream().map(claims::get).toArray();
    Set<String> written = new HashSet<>();
    try (PreparedStatement ps = conn.prepareStatement(CheckpointSql.writePositions(schema))) {
      ps.setString(1, session);
      ps.setArray(2, conn.createArrayOf("text", names.toArray()));
      ps.setArray(3, conn.createArrayOf("text", values));
      Array epochArray = conn.createArrayOf("bigint", epochs);
      ps.setArray(4, epochArray);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          written.add(rs.getString(1));
        }
      }
    }
    for (String key : names) {
      if (!written.contains(key)) {
        throw fenced(key, claims.get(key), -1);
      }
    }
  }

  private FencedException fenced(String key, long mine, long current) {
    return new FencedException("sync session \"" + session + "\": checkpoint key \"" + key
        + "\" was claimed by another session since this one claimed it (epoch " + current + ", this session holds "
        + mine + "); nothing of this commit landed", key, mine, current);
  }
}
