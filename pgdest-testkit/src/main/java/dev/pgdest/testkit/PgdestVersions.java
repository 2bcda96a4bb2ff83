package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.junit.JupiterVersionCheck;
import dev.pgdest.testkit.internal.junit.VersionMatrix;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test against several PostgreSQL major versions, each on its own server, one server at a
 * time to save memory.
 *
 * <p>On a class (a JUnit class template), every test of the class runs once per major, and static
 * {@link TestDestination} fields are set anew for each major: the cheapest way, since each server
 * starts once. JUnit runs {@code @BeforeAll}/{@code @AfterAll} once around all majors, so per-major
 * set-up belongs in {@code @BeforeEach} (or JUnit's {@code @BeforeClassTemplateInvocation}). On a
 * method, it replaces {@code @Test} and the method runs once per major with a
 * {@link TestDestination} parameter.
 * {@link PgdestTest} on the class still chooses the backend, scope and schema.
 *
 * <p>Each run is named after its major ({@code PostgreSQL 13}) in JUnit's reports; Maven Surefire
 * shows these names when configured to report display names (see the README's pom). Needs JUnit
 * Jupiter 5.13 or newer (class templates); on an older Jupiter a test using it fails with a message
 * saying so, while {@link PgdestTest} alone runs on 5.10 and newer.
 *
 * <p>The system property {@code pgdest.test.versions} narrows the run for quick local loops:
 * {@code 17}, {@code 13,17} or {@code 13-18}; {@code all} (the default) means every supported
 * major, 12 to 18.
 *
 * <pre>{@code
 * @PgdestVersions            // 12..18
 * class WriterConformanceIT {
 *   static TestDestination dest;
 *   @Test void upserts() { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ClassTemplate
@TestTemplate
@ExtendWith(JupiterVersionCheck.class) // first: on Jupiter before 5.13 it fails with a clear message
@ExtendWith(VersionMatrix.class)
public @interface PgdestVersions {

  /** The majors to run; empty (the default) means every supported major, 12 to 18. */
  int[] value() default {};
}
