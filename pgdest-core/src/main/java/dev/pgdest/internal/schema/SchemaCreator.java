package dev.pgdest.internal.schema;

import dev.pgdest.DestinationConfig;
import dev.pgdest.PgdestException;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.errors.SqlStates;
import dev.pgdest.internal.sql.Locks;
import dev.pgdest.internal.sql.SchemaSql;
import dev.pgdest.internal.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the destination's schema on first use, as the setup page promises, and accepts a schema
 * an administrator pre-created with {@code GRANT ALL ON SCHEMA} even when database-level CREATE
 * was revoked.
 */
public final class SchemaCreator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaCreator.class);

  private SchemaCreator() {}

  /** Creates the schema unless it exists; checks that the writer may use it either way. */
  public static void ensureSchema(Connection connection, DestinationConfig config) {
    String schema = config.schema();
    try {
      if (!exists(connection, schema)) {
        create(connection, config);
      }
      requireUsable(connection, config);
    } catch (SQLException e) {
      throw Errors.translate("ensuring schema \"" + schema + "\"", e);
    }
  }

  /** Whether a schema of this exact name exists. */
  public static boolean exists(Connection connection, String schema) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SchemaSql.SCHEMA_EXISTS)) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void create(Connection connection, DestinationConfig config) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      // IF NOT EXISTS alone still races on the catalog's unique index; the advisory lock makes
      // concurrent creators wait for each other, and a loser then finds the schema there.
      st.execute(Locks.schema(config.schema()));
      st.execute(SchemaSql.createSchema(config.schema()));
      connection.commit();
      LOG.info("Schema \"{}\" is ready in database \"{}\"", config.schema(), config.database());
    } catch (SQLException e) {
      connection.rollback();
      String state = e.getSQLState();
      if ((SqlStates.DUPLICATE_SCHEMA.equals(state) || SqlStates.UNIQUE_VIOLATION.equals(state)) && exists(connection, config.schema())) {
        return; // duplicate_schema / unique_violation: another process won the race.
      }
      if (SqlStates.INSUFFICIENT_PRIVILEGE.equals(state)) {
        throw new PgdestException("user \"" + config.username() + "\" may not create schema \"" + config.schema()
            + "\" in database \"" + config.database() + "\". Either let it create schemas: "
            + grantCreate(config) + " or create the schema and grant it: CREATE SCHEMA " + Sql.ident(config.schema())
            + "; " + grantAll(config), e, state, false);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void requireUsable(Connection connection, DestinationConfig config) throws SQLException {
    if (!privileges(connection, config.schema()).sufficient()) {
      throw new PgdestException("schema \"" + config.schema() + "\" exists but user \"" + config.username()
          + "\" lacks USAGE or CREATE on it; an administrator can run: " + grantAll(config), null, SqlStates.INSUFFICIENT_PRIVILEGE, false);
    }
  }

  /** What the current user may do in a schema: the part of {@code GRANT ALL ON SCHEMA} the writer needs. */
  public record Privileges(boolean usage, boolean create) {
    /** Whether the writer can create and use tables there. */
    public boolean sufficient() {
      return usage && create;
    }
  }

  /** The current user's USAGE and CREATE on an existing schema (its name as stored, unquoted). */
  public static Privileges privileges(Connection connection, String schema) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SchemaSql.SCHEMA_PRIVILEGES)) {
      ps.setString(1, schema);
      ps.setString(2, schema);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Privileges(rs.getBoolean(1), rs.getBoolean(2));
      }
    }
  }

  /** The SQL that lets the writer create schemas in the database. */
  public static String grantCreate(DestinationConfig c) {
    return SchemaSql.grantCreate(c.database(), c.username());
  }

  /** The setup page's grant for a pre-created schema. */
  public static String grantAll(DestinationConfig c) {
    return SchemaSql.grantAll(c.schema(), c.username());
  }
}
