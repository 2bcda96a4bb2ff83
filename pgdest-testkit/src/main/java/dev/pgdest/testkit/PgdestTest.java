package dev.pgdest.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class disposable PostgreSQL destinations: every field of type
 * {@link TestDestination} is set, and {@link TestDestination} or {@link PostgresServer}
 * parameters of test, lifecycle and constructor methods are resolved.
 *
 * <p>A static field (or a {@code @BeforeAll} parameter) holds one destination for the whole class;
 * an instance field or a test method parameter gets a fresh one (a new database) per test. The
 * server behind them is started once per class ({@link Scope#CLASS}) or once per JVM
 * ({@link Scope#JVM}), kept in JUnit's {@code ExtensionContext.Store} and stopped by JUnit.
 * A backend that cannot run here (no Docker for {@link Backend#TESTCONTAINERS}, no external server
 * configured) skips the tests with the reason.
 *
 * <pre>{@code
 * @PgdestTest(version = 16)
 * class UsersLoaderTest {
 *   static TestDestination dest;
 *
 *   @Test
 *   void loadsUsers() {
 *     try (Destination d = dest.openDestination()) { ... }
 *     PgdestAssertions.assertThatTable(dest, "users").hasRowCount(3);
 *   }
 * }
 * }</pre>
 *
 * @see PgdestVersions to run against every supported major version
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PgdestExtension.class)
public @interface PgdestTest {

  /**
   * The PostgreSQL major version, 12 to 18; 0 (the default) means 17 for servers the testkit
   * starts and whatever an {@link Backend#EXTERNAL external} server runs. Ignored under
   * {@link PgdestVersions}.
   */
  int version() default 0;

  /** Where the server comes from; {@link Backend#DEFAULT} follows {@code pgdest.test.backend}. */
  Backend backend() default Backend.DEFAULT;

  /** How long a server lives and who shares it. */
  Scope scope() default Scope.CLASS;

  /** The schema name the destinations' configurations use. */
  String schema() default "acme_sync";

  /** How widely a started server is shared. */
  enum Scope {
    /** One server per test class, stopped after it. */
    CLASS,
    /** One server per backend and major version for the whole JVM, stopped when JUnit finishes. */
    JVM
  }
}
