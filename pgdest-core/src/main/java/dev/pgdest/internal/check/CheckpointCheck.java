package dev.pgdest.internal.check;

import static dev.pgdest.internal.check.Checklist.fail;
import static dev.pgdest.internal.check.Checklist.pass;

import dev.pgdest.CheckReport.Item;
import dev.pgdest.DestinationConfig;
import dev.pgdest.internal.schema.SchemaCreator;
import dev.pgdest.internal.sql.CheckpointSql;
import dev.pgdest.internal.sql.SchemaSql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The {@code checkpoints} item: whether the writer can create the checkpoint table sync sessions
 * keep their positions in, or, when it exists, claim and write a row of it. Tried for real with the
 * statements a session runs, under a probe sync name, in one transaction that is rolled back: no
 * schema, table or row is left behind.
 */
final class CheckpointCheck {
  static final String CHECKPOINTS = "checkpoints";

  /** Lock waits end the trial instead of hanging the check behind someone's long transaction. */
  private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '5s'";

  private final DestinationConfig config;
  private final Connection connection;
  /** A sync name no engine uses, so that the probe row cannot meet a real session's row lock. */
  private final String probeName = "_pgdest_check_" + UUID.randomUUID();

  CheckpointCheck(DestinationConfig config, Connection connection) {
    this.config = config;
    this.connection = connection;
  }

  static String title(DestinationConfig c) {
    return "checkpoint table \"" + CheckpointSql.TABLE + "\" in schema \"" + c.schema() + "\"";
  }

  Item checkpoints() throws SQLException {
    String schema = config.schema();
    boolean schemaExists = SchemaCreator.exists(connection, schema);
    boolean tableExists = schemaExists && tableExists();
    if (tableExists) {
      String missing = missingTablePrivileges();
      if (!missing.isEmpty()) {
        return fail(CHECKPOINTS, title(config), "the checkpoint table exists (another user created it) but user \""
            + config.username() + "\" lacks " + missing + " on it; sync sessions store their positions there.",
            grantTable());
      }
    }
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      st.execute(LOCK_TIMEOUT);
      if (!schemaExists) {
        st.execute(SchemaSql.createSchema(schema));
      }
      if (!tableExists) {
        st.execute(CheckpointSql.createLock(schema));
        st.execute(CheckpointSql.create(schema));
      }
      long epoch = claimProbe();
      writeProbe(epoch);
    } catch (SQLException e) {
      if (!"42501".equals(e.getSQLState())) {
        throw e;
      }
      return fail(CHECKPOINTS, title(config), "user \"" + config.username() + "\" may not "
          + (tableExists ? "write" : "create") + " the checkpoint table sync sessions store their positions in",
          tableExists ? grantTable() : schemaExists ? SchemaCreator.grantAll(config) : SchemaCreator.grantCreate(config));
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
    return pass(CHECKPOINTS, title(config), (tableExists ? "the writer may claim and write checkpoints"
        : "the writer may create the table on first use and write checkpoints") + "; tried and rolled back");
  }

  private boolean tableExists() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(CheckpointSql.exists())) {
      ps.setString(1, config.schema());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The privileges a session needs on an existing table that the current user lacks, or "". */
  private String missingTablePrivileges() throws SQLException {
    StringBuilder missing = new StringBuilder();
    for (String privilege : new String[] {"SELECT", "INSERT", "UPDATE"}) {
      try (PreparedStatement ps = connection.prepareStatement(CheckpointSql.tablePrivilege())) {
        ps.setString(1, CheckpointSql.table(config.schema()));
        ps.setString(2, privilege);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            missing.append(missing.length() == 0 ? "" : ", ").append(privilege);
          }
        }
      }
    }
    return missing.toString();
  }

  private long claimProbe() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(CheckpointSql.claim(config.schema()))) {
      ps.setString(1, probeName);
      ps.setArray(2, texts("check"));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(2);
      }
    }
  }

  private void writeProbe(long epoch) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(CheckpointSql.writePositions(config.schema()))) {
      ps.setString(1, probeName);
      ps.setArray(2, texts("check"));
      ps.setArray(3, texts("0"));
      ps.setArray(4, connection.createArrayOf("bigint", new Long[] {epoch}));
      ps.executeQuery().close();
    }
  }

  private Array texts(String... values) throws SQLException {
    return connection.createArrayOf("text", values);
  }

  private String grantTable() {
    return CheckpointSql.grantWrite(config.schema(), config.username());
  }
}
