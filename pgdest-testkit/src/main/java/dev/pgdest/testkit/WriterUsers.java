package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.SqlText;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Creates restricted writer users the way the destination's setup page tells a customer to:
 * {@code CREATE USER <name> PASSWORD '<password>'} then
 * {@code GRANT CREATE, TEMPORARY ON DATABASE <database> TO <name>}.
 *
 * <p>Before granting, the database is hardened the way a careful DBA would, so that the grants are
 * what the user relies on: {@code TEMPORARY} on the database and {@code CREATE} on schema
 * {@code public} are revoked from {@code PUBLIC} ({@code CONNECT} is kept). Passwords contain every
 * character the setup page warns about, so tests prove that credentials never pass through a URL.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * WriterUser writer = WriterUsers.createSeedWriter(server, "analytics");
 * try (Connection c = writer.connect(server, "analytics")) {
 *   c.createStatement().execute("CREATE SCHEMA acme_sync");
 * }
 * }</pre>
 */
public final class WriterUsers {

  /** The characters the setup page says break connection strings, plus more that break quoting. */
  static final String AWKWARD_CHARACTERS = "@[]/?#\"\\+ &:%'";

  private static final String NON_ASCII_LETTERS = "éßøñü";
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int PASSWORD_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WriterUsers() {}

  /**
   * Creates a writer with the setup page's grants: {@code CREATE} and {@code TEMPORARY} on
   * {@code database}. The user can create schemas and temporary tables.
   */
  public static WriterUser createSeedWriter(PostgresServer server, String database) throws SQLException {
    return createUser(server, database, randomSeedPassword(),
        "GRANT CREATE, TEMPORARY ON DATABASE {database} TO {user}");
  }

  /**
   * Creates a writer for the setup page's pre-created schema variant: the admin creates
   * {@code schema} (if missing) and runs {@code GRANT ALL ON SCHEMA <schema> TO <user>}; on the
   * database the user only has {@code TEMPORARY}, so it cannot create schemas.
   */
  public static WriterUser createPrecreatedSchemaWriter(PostgresServer server, String database, String schema)
      throws SQLException {
    String quotedSchema = SqlText.ident(schema);
    try (Connection c = server.adminConnection(database); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + quotedSchema);
    }
    return createUser(server, database, randomSeedPassword(),
        "GRANT ALL ON SCHEMA " + quotedSchema + " TO {user}",
        "GRANT TEMPORARY ON DATABASE {database} TO {user}");
  }

  /**
   * Creates a user with a random name and exactly the given grants, after hardening
   * {@code database}. Each grant is SQL run by the superuser in {@code database}, where
   * {@code {user}} and {@code {database}} stand for the quoted user and database names. With no
   * grants the user can only connect.
   *
   * <pre>{@code
   * // a writer that may create schemas but not temporary tables
   * WriterUsers.createUser(server, "analytics", WriterUsers.randomSeedPassword(),
   *     "GRANT CREATE ON DATABASE {database} TO {user}");
   * }</pre>
   */
  public static WriterUser createUser(PostgresServer server, String database, String password, String... grantsSql)
      throws SQLException {
    String name = "pgdest_writer_" + HexFormat.of().formatHex(randomBytes(4));
    String quotedUser = SqlText.ident(name);
    String quotedDatabase = SqlText.ident(database);
    try (Connection c = server.adminConnection(database); Statement s = c.createStatement()) {
      requireStandardStrings(s);
      harden(s, quotedDatabase);
      s.execute("CREATE USER " + quotedUser + " PASSWORD " + SqlText.literal(password));
      for (String grant : grantsSql) {
        s.execute(grant.replace("{user}", quotedUser).replace("{database}", quotedDatabase));
      }
    }
    return new WriterUser(name, password);
  }

  /**
   * A random password of 32 characters holding each of {@code @ [ ] / ? # " \ + space & :}, plus
   * {@code %}, {@code '} and a non-ASCII letter; the rest are letters and digits.
   */
  public static String randomSeedPassword() {
    List<Character> chars = new ArrayList<>();
    for (char ch : AWKWARD_CHARACTERS.toCharArray()) {
      chars.add(ch);
    }
    chars.add(NON_ASCII_LETTERS.charAt(RANDOM.nextInt(NON_ASCII_LETTERS.length())));
    while (chars.size() < PASSWORD_LENGTH) {
      chars.add(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    Collections.shuffle(chars, RANDOM);
    // A space at either end is legal but looks like a paste mistake, and the check warns about it;
    // keep the generated password clean so that warning only shows where a test asks for it.
    while (chars.get(0) == ' ' || chars.get(chars.size() - 1) == ' ') {
      Collections.shuffle(chars, RANDOM);
    }
    StringBuilder sb = new StringBuilder(PASSWORD_LENGTH);
    chars.forEach(sb::append);
    return sb.toString();
  }

  private static void harden(Statement s, String quotedDatabase) throws SQLException {
    s.execute("REVOKE TEMPORARY ON DATABASE " + quotedDatabase + " FROM PUBLIC");
    boolean hasPublicSchema;
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = 'public'")) {
      hasPublicSchema = rs.next();
    }
    if (hasPublicSchema) {
      s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    }
  }

  /** Literals are quoted for standard_conforming_strings = on; refuse to send them otherwise. */
  private static void requireStandardStrings(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW standard_conforming_strings")) {
      rs.next();
      if (!"on".equals(rs.getString(1))) {
        throw new IllegalStateException("standard_conforming_strings must be on to create users safely");
      }
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
