package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.junit.Injector;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link PgdestTest}: injects {@link TestDestination} fields and
 * resolves {@link TestDestination} and {@link PostgresServer} parameters. Destinations live in the
 * store of the context they belong to (the class for static fields and {@code @BeforeAll}
 * parameters, the test otherwise) and are closed by JUnit. Instance fields are set before each
 * test, each test its own destination.
 *
 * <p>Runs on JUnit Jupiter 5.10 and newer (Spring Boot 3.x's JUnit included); only
 * {@link PgdestVersions} needs 5.13. Normally registered by {@link PgdestTest}; register it yourself
 * with {@code @ExtendWith(PgdestExtension.class)} if you prefer. Thread-safe.
 *
 * <p>{@code @ExtendWith(PgdestExtension.class) class T { static TestDestination dest; }}
 */
public final class PgdestExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private final Injector injector = new Injector(0);

  /** The extension as {@link PgdestTest} registers it. */
  public PgdestExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    injector.beforeAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    injector.beforeEach(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return injector.supports(parameterContext.getParameter().getType(), extensionContext);
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return injector.resolve(parameterContext.getParameter().getType(), extensionContext);
  }
}
