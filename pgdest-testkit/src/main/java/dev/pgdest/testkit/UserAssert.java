package dev.pgdest.testkit;

import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on what a role may do in a {@link TestDestination}'s database, as
 * PostgreSQL's {@code has_*_privilege} functions answer (inherited and {@code PUBLIC} grants
 * count); obtained from {@link PgdestAssertions#assertThatUser}.
 *
 * <p>Not thread-safe (like every AssertJ assertion object).
 *
 * <p>{@code assertThatUser(dest, writer).hasDatabasePrivilege("CREATE").doesNotHaveDatabasePrivilege("CONNECT");}
 */
public final class UserAssert extends AbstractAssert<UserAssert, String> {

  private final TestDestination dest;

  UserAssert(TestDestination dest, String role) {
    super(role, UserAssert.class);
    this.dest = dest;
  }

  /** The role has {@code privilege} ({@code CREATE}, {@code TEMPORARY}, {@code CONNECT}) on the database. */
  public UserAssert hasDatabasePrivilege(String privilege) {
    if (!databasePrivilege(privilege)) {
      failWithMessage("Expected role %s to have %s on database %s, but it does not", actual, privilege,
          dest.database());
    }
    return this;
  }

  /** The role lacks {@code privilege} on the database. */
  public UserAssert doesNotHaveDatabasePrivilege(String privilege) {
    if (databasePrivilege(privilege)) {
      failWithMessage("Expected role %s not to have %s on database %s, but it does", actual, privilege,
          dest.database());
    }
    return this;
  }

  /** The role has {@code privilege} ({@code CREATE}, {@code USAGE}) on {@code schema}. */
  public UserAssert hasSchemaPrivilege(String schema, String privilege) {
    if (!schemaPrivilege(schema, privilege)) {
      failWithMessage("Expected role %s to have %s on schema %s, but it does not", actual, privilege, schema);
    }
    return this;
  }

  /** The role lacks {@code privilege} on {@code schema}. */
  public UserAssert doesNotHaveSchemaPrivilege(String schema, String privilege) {
    if (schemaPrivilege(schema, privilege)) {
      failWithMessage("Expected role %s not to have %s on schema %s, but it does", actual, privilege, schema);
    }
    return this;
  }

  /** The role has {@code privilege} ({@code SELECT}, {@code INSERT}, ...) on {@code table} in the destination's schema. */
  public UserAssert hasTablePrivilege(String table, String privilege) {
    Object has = dest.queryValue("SELECT has_table_privilege(?, (quote_ident(?) || '.' || quote_ident(?))::regclass, ?)",
        actual, dest.schema(), table, privilege);
    if (!Boolean.TRUE.equals(has)) {
      failWithMessage("Expected role %s to have %s on table %s.%s, but it does not", actual, privilege,
          dest.schema(), table);
    }
    return this;
  }

  /** The role is not a superuser (and so relies on its grants). */
  public UserAssert isNotSuperuser() {
    Object superuser = dest.queryValue("SELECT rolsuper FROM pg_roles WHERE rolname = ?", actual);
    if (superuser == null) {
      failWithMessage("Expected role %s to exist, but it does not", actual);
    }
    if (Boolean.TRUE.equals(superuser)) {
      failWithMessage("Expected role %s not to be a superuser, but it is", actual);
    }
    return this;
  }

  private boolean databasePrivilege(String privilege) {
    return Boolean.TRUE.equals(dest.queryValue("SELECT has_database_privilege(?, ?, ?)", actual, dest.database(),
        privilege));
  }

  private boolean schemaPrivilege(String schema, String privilege) {
    if (dest.query("SELECT 1 FROM pg_namespace WHERE nspname = ?", schema).isEmpty()) {
      return false;
    }
    return Boolean.TRUE.equals(dest.queryValue("SELECT has_schema_privilege(?, ?, ?)", actual, schema, privilege));
  }
}
