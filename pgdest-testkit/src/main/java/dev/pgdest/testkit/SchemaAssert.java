package dev.pgdest.testkit;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a schema of a {@link TestDestination}'s database; obtained from
 * {@link PgdestAssertions#assertThatSchema}.
 *
 * <p>Not thread-safe (like every AssertJ assertion object).
 *
 * <p>{@code assertThatSchema(dest).exists().hasOnlyTables("users", "orders");}
 */
public final class SchemaAssert extends AbstractAssert<SchemaAssert, String> {

  private final TestDestination dest;

  SchemaAssert(TestDestination dest, String schema) {
    super(schema, SchemaAssert.class);
    this.dest = dest;
  }

  /** The schema exists. */
  public SchemaAssert exists() {
    if (!schemaExists()) {
      failWithMessage("Expected schema %s to exist in database %s, but it does not", actual, dest.database());
    }
    return this;
  }

  /** The schema does not exist. */
  public SchemaAssert doesNotExist() {
    if (schemaExists()) {
      failWithMessage("Expected schema %s not to exist in database %s, but it does", actual, dest.database());
    }
    return this;
  }

  /** The schema's owner is {@code role}. */
  public SchemaAssert isOwnedBy(String role) {
    exists();
    Object owner = dest.queryValue("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = ?", actual);
    if (!role.equals(owner)) {
      failWithMessage("Expected schema %s to be owned by %s but it is owned by %s", actual, role, owner);
    }
    return this;
  }

  /** The schema's tables are exactly these, in any order. */
  public SchemaAssert hasOnlyTables(String... tables) {
    exists();
    List<String> names = new ArrayList<>();
    dest.query("SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY 1", actual)
        .forEach(r -> names.add((String) r.get("tablename")));
    List<String> expected = new ArrayList<>(List.of(tables));
    expected.sort(null);
    if (!names.equals(expected)) {
      failWithMessage("Expected schema %s to hold exactly tables %s but it holds %s", actual, expected, names);
    }
    return this;
  }

  private boolean schemaExists() {
    return !dest.query("SELECT 1 FROM pg_namespace WHERE nspname = ?", actual).isEmpty();
  }
}
