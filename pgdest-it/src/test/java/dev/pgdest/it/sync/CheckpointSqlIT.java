package dev.pgdest.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.internal.sql.CheckpointSql;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checkpoint statements themselves, run as the restricted writers on every major: creation
 * survives a crowd of concurrent creators, a claim bumps epochs and returns stored positions, the
 * fence's row lock holds a concurrent claim back until the commit ends, and positions are written
 * only at the claimed epoch.
 */
@PgdestVersions
@PgdestTest(schema = "checkpoint sql")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckpointSqlIT {
  private static final int CREATORS = 6;

  private TestDestination dest;

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void concurrentCreatorsAllSucceedAndOneTableRemains(WriterKind writer) throws Exception {
    WriterUser user = writer.user(dest);
    if (writer == WriterKind.SEED) {
      dest.execute("CREATE SCHEMA \"" + dest.schema() + "\" AUTHORIZATION \"" + user.name() + "\"");
    }
    ExecutorService pool = Executors.newFixedThreadPool(CREATORS);
    try {
      CyclicBarrier start = new CyclicBarrier(CREATORS);
      List<Future<Boolean>> created = new ArrayList<>();
      for (int i = 0; i < CREATORS; i++) {
        created.add(pool.submit(() -> {
          try (Connection c = connect(user)) {
            start.await(30, TimeUnit.SECONDS);
            return create(c);
          }
        }));
      }
      for (Future<Boolean> f : created) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(dest.tableExists(Checkpoints.TABLE)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void claimsBumpEpochsAndPositionsAreWrittenOnlyAtTheClaimedEpoch(WriterKind writer) throws Exception {
    try (Connection a = connect(writer.user(dest)); Connection b = connect(writer.user(dest))) {
      prepareSchema(writer, a);
      assertThat(claim(a, "crm", "orders", "orders", "invoices"))
          .as("first claim, a key given twice").containsExactly(Map.entry("invoices", 1L), Map.entry("orders", 1L));
      assertThat(write(a, "crm", Map.of("orders", "p1"), 1L)).containsExactly("orders");
      assertThat(claim(b, "crm", "orders")).containsExactly(Map.entry("orders", 2L));
      assertThat(write(a, "crm", Map.of("orders", "stale"), 1L)).as("a fenced write changes nothing").isEmpty();
      assertThat(write(b, "crm", Map.of("orders", "p2"), 2L)).containsExactly("orders");
      assertThat(read(a, "crm")).containsExactly(Map.entry("invoices", "null@1"), Map.entry("orders", "p2@2"));
      assertThat(claim(a, "billing", "orders")).as("another sync name").containsExactly(Map.entry("orders", 1L));
    }
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void theFenceLockHoldsAClaimBackUntilTheCommitEnds(WriterKind writer) throws Exception {
    try (Connection committer = connect(writer.user(dest)); Connection claimer = connect(writer.user(dest))) {
      prepareSchema(writer, committer);
      claim(committer, "crm", "orders");
      committer.setAutoCommit(false);
      try (PreparedStatement ps = committer.prepareStatement(CheckpointSql.lockForCommit(dest.schema()))) {
        ps.setString(1, "crm");
        ps.setArray(2, committer.createArrayOf("text", new String[] {"orders", "unknown"}));
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("orders");
          assertThat(rs.getLong(2)).isEqualTo(1L);
          assertThat(rs.next()).as("a key never claimed has no row").isFalse();
        }
      }
      try (Statement st = claimer.createStatement()) {
        st.execute("SET lock_timeout = '300ms'");
      }
      assertThatThrownBy(() -> claim(claimer, "crm", "orders")).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).as("lock_not_available").isEqualTo("55P03"));
      assertThat(claim(claimer, "crm", "invoices")).as("other keys are not held").containsEntry("invoices", 1L);
      write(committer, "crm", Map.of("orders", "p1"), 1L);
      committer.commit();
      assertThat(claim(claimer, "crm", "orders")).containsExactly(Map.entry("orders", 2L));
      assertThat(read(claimer, "crm")).containsEntry("orders", "p1@2");
    }
  }

  private Connection connect(WriterUser user) throws SQLException {
    return user.connect(dest.server(), dest.database());
  }

  /** The seed writer creates the schema, as ensureSchema would; the other one finds it made. */
  private void prepareSchema(WriterKind writer, Connection c) throws SQLException {
    if (writer == WriterKind.SEED) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA \"" + dest.schema() + "\"");
      }
    }
    assertThat(create(c)).isTrue();
  }

  /** The creation protocol of {@link CheckpointSql}: lock, create, tolerate a lost race. */
  private boolean create(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute(CheckpointSql.createLock(dest.schema()));
      st.execute(CheckpointSql.create(dest.schema()));
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      if (!CheckpointSql.lostCreateRace(e.getSQLState())) {
        throw e;
      }
    } finally {
      c.setAutoCommit(true);
    }
    try (PreparedStatement ps = c.prepareStatement(CheckpointSql.exists())) {
      ps.setString(1, dest.schema());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private Map<String, Long> claim(Connection c, String name, String... keys) throws SQLException {
    Map<String, Long> epochs = new java.util.TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(CheckpointSql.claim(dest.schema()))) {
      ps.setString(1, name);
      ps.setArray(2, c.createArrayOf("text", keys));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          epochs.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return epochs;
  }

  private List<String> write(Connection c, String name, Map<String, String> positions, long epoch)
      throws SQLException {
    List<String> keys = new ArrayList<>(positions.keySet());
    List<String> values = new ArrayList<>();
    Long[] epochs = new Long[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      values.add(positions.get(keys.get(i)));
      epochs[i] = epoch;
    }
    List<String> written = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(CheckpointSql.writePositions(dest.schema()))) {
      ps.setString(1, name);
      ps.setArray(2, c.createArrayOf("text", keys.toArray()));
      ps.setArray(3, c.createArrayOf("text", values.toArray()));
      ps.setArray(4, c.createArrayOf("bigint", epochs));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          written.add(rs.getString(1));
        }
      }
    }
    return written;
  }

  /** "position@epoch" by key. */
  private Map<String, String> read(Connection c, String name) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(CheckpointSql.read(dest.schema()))) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2) + "@" + rs.getLong(3));
        }
      }
    }
    return out;
  }
}
