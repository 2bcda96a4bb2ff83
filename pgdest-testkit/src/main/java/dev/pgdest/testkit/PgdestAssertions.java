package dev.pgdest.testkit;

/**
 * AssertJ entry points for what a destination holds: tables (rows, columns, keys), schemas and
 * users' privileges. Every assertion queries the server as the superuser through a
 * {@link TestDestination}, in its database and schema.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * import static dev.pgdest.testkit.PgdestAssertions.*;
 *
 * assertThatTable(dest, "users").hasRowCount(2)
 *     .hasColumnType("id", "bigint").hasPrimaryKey("id")
 *     .containsExactlyInAnyOrderRows(row(1L, "a@example.com"), row(2L, null));
 * assertThatSchema(dest).exists();
 * assertThatUser(dest, dest.seedWriter()).hasDatabasePrivilege("TEMPORARY").isNotSuperuser();
 * }</pre>
 */
public final class PgdestAssertions {

  private PgdestAssertions() {}

  /** Assertions on {@code table} in the destination's schema. */
  public static TableAssert assertThatTable(TestDestination dest, String table) {
    return new TableAssert(dest, dest.schema(), table);
  }

  /** Assertions on {@code table} in {@code schema} of the destination's database. */
  public static TableAssert assertThatTable(TestDestination dest, String schema, String table) {
    return new TableAssert(dest, schema, table);
  }

  /** Assertions on the destination's schema. */
  public static SchemaAssert assertThatSchema(TestDestination dest) {
    return new SchemaAssert(dest, dest.schema());
  }

  /** Assertions on {@code schema} in the destination's database. */
  public static SchemaAssert assertThatSchema(TestDestination dest, String schema) {
    return new SchemaAssert(dest, schema);
  }

  /** Assertions on what {@code user} may do in the destination's database. */
  public static UserAssert assertThatUser(TestDestination dest, WriterUser user) {
    return new UserAssert(dest, user.name());
  }

  /** Assertions on what the role {@code role} may do in the destination's database. */
  public static UserAssert assertThatUser(TestDestination dest, String role) {
    return new UserAssert(dest, role);
  }

  /**
   * One expected row, its values in column order. Numbers compare by value whatever their Java
   * type ({@code 1}, {@code 1L} and {@code BigDecimal.ONE} match a bigint 1); instants compare by
   * the moment they denote; JSON compares by its text as the server returns it.
   */
  public static Object[] row(Object... values) {
    return values;
  }
}
