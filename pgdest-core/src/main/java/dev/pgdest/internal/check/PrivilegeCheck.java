package dev.pgdest.internal.check;

import static dev.pgdest.internal.check.Checklist.fail;
import static dev.pgdest.internal.check.Checklist.pass;
import static dev.pgdest.internal.check.Checklist.skipped;
import static dev.pgdest.internal.check.Checklist.warn;

import dev.pgdest.internal.sql.CheckSql;
import dev.pgdest.CheckReport.Item;
import dev.pgdest.DestinationConfig;
import dev.pgdest.internal.schema.SchemaCreator;
import dev.pgdest.internal.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The server-side items: {@code version}, then the setup page's grants: {@code temporary},
 * {@code create} (needed only while the schema does not exist) and {@code schema} (the privileges
 * {@code GRANT ALL ON SCHEMA} gives, when it exists). Privileges are read from the catalog with
 * {@code has_*_privilege}, so nothing is created to find out.
 */
final class PrivilegeCheck {
  static final String VERSION = "version";
  static final String TEMPORARY = "temporary";
  static final String CREATE = "create";
  static final String SCHEMA = "schema";

  /** PostgreSQL 13: fully supported from here on. */
  static final int SUPPORTED = 130000;
  /** PostgreSQL 12: best effort. */
  static final int BEST_EFFORT = 120000;

  private final DestinationConfig config;
  private final Connection connection;
  private Boolean schemaExists;

  PrivilegeCheck(DestinationConfig config, Connection connection) {
    this.config = config;
    this.connection = connection;
  }

  static String versionTitle() {
    return "PostgreSQL version";
  }

  Item version() throws SQLException {
    int number;
    String text;
    try (PreparedStatement ps = connection.prepareStatement(CheckSql.SERVER_VERSION);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      number = rs.getInt(1);
      text = rs.getString(2).split(" ", 2)[0];
    }
    return versionItem(number, text);
  }

  /** The verdict on a {@code server_version_num}; separate so the thresholds are unit-tested. */
  static Item versionItem(int versionNum, String versionText) {
    String title = versionTitle();
    if (versionNum >= SUPPORTED) {
      return pass(VERSION, title, "PostgreSQL " + versionText + " is supported");
    }
    if (versionNum >= BEST_EFFORT) {
      return warn(VERSION, title, "PostgreSQL " + versionText + " is supported on a best-effort basis only;"
          + " PostgreSQL 13 and newer are fully supported. Plan an upgrade.");
    }
    return fail(VERSION, title, "PostgreSQL " + versionText + " is too old: PostgreSQL 13 and newer are supported"
        + " (12 on a best-effort basis). Upgrade the server.");
  }

  static String temporaryTitle(DestinationConfig c) {
    return "TEMPORARY on database \"" + c.database() + "\"";
  }

  Item temporary() throws SQLException {
    String title = temporaryTitle(config);
    if (databasePrivilege("TEMPORARY")) {
      return pass(TEMPORARY, title, "the writer may create the temporary tables it stages rows in");
    }
    return fail(TEMPORARY, title, "user \"" + config.username() + "\" may not create temporary tables in database \""
        + config.database() + "\"; rows are staged in temporary tables before they are merged.",
        CheckSql.grantTemporary(config.database(), config.username()));
  }

  static String createTitle(DestinationConfig c) {
    return "CREATE on database \"" + c.database() + "\"";
  }

  static String schemaTitle(DestinationConfig c) {
    return "USAGE and CREATE on schema \"" + c.schema() + "\"";
  }

  Item create() throws SQLException {
    String schema = config.schema();
    if (schemaExists()) {
      return pass(CREATE, createTitle(config), "not needed: schema \"" + schema + "\" exists. With ALL granted"
          + " on the schema, database-level CREATE may be revoked; keep TEMPORARY.");
    }
    if (databasePrivilege("CREATE")) {
      return pass(CREATE, createTitle(config), "schema \"" + schema + "\" does not exist yet; the writer may"
          + " create it, and ensureSchema() or the first write will");
    }
    return fail(CREATE, createTitle(config), "schema \"" + schema + "\" does not exist and user \""
        + config.username() + "\" may not create schemas in database \"" + config.database() + "\". Grant"
        + " CREATE (below), or create the schema yourself: CREATE SCHEMA " + Sql.ident(schema) + "; "
        + SchemaCreator.grantAll(config), SchemaCreator.grantCreate(config));
  }

  Item schema() throws SQLException {
    if (!schemaExists()) {
      return skipped(SCHEMA, schemaTitle(config), "does not apply: schema \"" + config.schema()
          + "\" does not exist yet, and whoever creates it owns it");
    }
    return schemaPrivileges();
  }

  private boolean schemaExists() throws SQLException {
    if (schemaExists == null) {
      schemaExists = SchemaCreator.exists(connection, config.schema());
    }
    return schemaExists;
  }

  private Item schemaPrivileges() throws SQLException {
    SchemaCreator.Privileges privileges = SchemaCreator.privileges(connection, config.schema());
    boolean usage = privileges.usage();
    boolean create = privileges.create();
    String title = schemaTitle(config);
    if (usage && create) {
      return pass(SCHEMA, title, "the writer may create and use tables in schema \"" + config.schema() + "\"");
    }
    String missing = !usage && !create ? "USAGE and CREATE" : usage ? "CREATE" : "USAGE";
    return fail(SCHEMA, title, "schema \"" + config.schema() + "\" exists but user \"" + config.username()
        + "\" lacks " + missing + " on it. The setup page's grant for a pre-created schema gives both.",
        SchemaCreator.grantAll(config));
  }

  private boolean databasePrivilege(String privilege) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(CheckSql.DATABASE_PRIVILEGE)) {
      ps.setString(1, privilege);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
