package dev.pgdest.testkit.internal.junit;

import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension a {@link dev.pgdest.testkit.PgdestVersions} matrix adds to each invocation, fixed
 * to that invocation's major. It uses JUnit Jupiter 5.13's class templates, so it lives apart from
 * {@link dev.pgdest.testkit.PgdestExtension}, which must load on Jupiter 5.10.
 *
 * <p>Thread-safe.
 */
final class MajorExtension implements BeforeClassTemplateInvocationCallback, BeforeEachCallback, ParameterResolver {

  private final Injector injector;

  MajorExtension(int major) {
    this.injector = new Injector(major);
  }

  /** A class template runs {@code @BeforeAll} once for all majors; static fields are set per major. */
  @Override
  public void beforeClassTemplateInvocation(ExtensionContext context) {
    injector.beforeMajor(context);
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
