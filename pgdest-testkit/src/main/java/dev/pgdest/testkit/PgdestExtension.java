package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.junit.ServerPool;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension behind {@link PgdestTest} and {@link PgdestVersions}: injects
 * {@link TestDestination} fields and resolves {@link TestDestination} and {@link PostgresServer}
 * parameters. Destinations live in the store of the context they belong to (the class for static
 * fields and {@code @BeforeAll} parameters, the test otherwise) and are closed by JUnit.
 *
 * <p>Normally registered by {@link PgdestTest}; register it yourself with
 * {@code @ExtendWith(PgdestExtension.class)} if you prefer. Thread-safe.
 *
 * <p>{@code @ExtendWith(PgdestExtension.class) class T { static TestDestination dest; }}
 */
public final class PgdestExtension
    implements BeforeAllCallback, BeforeClassTemplateInvocationCallback, BeforeEachCallback, TestInstancePostProcessor,
    ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(PgdestExtension.class);

  /** 0 when declared on a class; the matrix's major when added by {@link PgdestVersions}. */
  private final int matrixMajor;

  /** The extension as {@link PgdestTest} registers it. */
  public PgdestExtension() {
    this(0);
  }

  private PgdestExtension(int matrixMajor) {
    this.matrixMajor = matrixMajor;
  }

  /** The extension a version matrix adds to each of its invocations. Not for direct use. */
  public static PgdestExtension forMajor(int major) {
    return new PgdestExtension(major);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (defersToMatrix(context)) {
      return;
    }
    injectStatics(context);
  }

  /**
   * A class under {@link PgdestVersions} runs {@code @BeforeAll} once for all majors; its static
   * fields are set again here, at the start of each major's run.
   */
  @Override
  public void beforeClassTemplateInvocation(ExtensionContext context) {
    if (matrixMajor != 0) {
      injectStatics(context);
    }
  }

  private void injectStatics(ExtensionContext context) {
    // Started here, not lazily, so that a backend that cannot run skips the class: an exception
    // from a parameter resolver would fail the tests instead.
    server(context);
    List<Field> fields = fields(context.getRequiredTestClass(), true);
    if (fields.isEmpty()) {
      return;
    }
    TestDestination dest = destination(context);
    for (Field f : fields) {
      set(f, null, dest);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!defersToMatrix(context)) {
      server(context);
    }
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    if (defersToMatrix(context)) {
      return;
    }
    List<Field> fields = fields(testInstance.getClass(), false);
    if (fields.isEmpty()) {
      return;
    }
    TestDestination dest = destination(context);
    for (Field f : fields) {
      set(f, testInstance, dest);
    }
  }

  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    // Instance fields then get the test method's destination, fresh per test.
    return ExtensionContextScope.TEST_METHOD;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return (type == TestDestination.class || type == PostgresServer.class) && !defersToMatrix(extensionContext);
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == PostgresServer.class ? server(extensionContext) : destination(extensionContext);
  }

  /**
   * The class-level extension stays out of the way where a matrix invocation brings its own,
   * fixed to a major: on a class with {@link PgdestVersions}, and in a method that has it.
   */
  private boolean defersToMatrix(ExtensionContext context) {
    if (matrixMajor != 0) {
      return false;
    }
    boolean classMatrix = context.getTestClass()
        .map(c -> AnnotationSupport.isAnnotated(c, PgdestVersions.class)).orElse(false);
    boolean methodMatrix = context.getTestMethod()
        .map(m -> AnnotationSupport.isAnnotated(m, PgdestVersions.class)).orElse(false);
    return classMatrix || methodMatrix;
  }

  private TestDestination destination(ExtensionContext context) {
    String schema = settings(context).map(PgdestTest::schema).orElse("acme_sync");
    PostgresServer server = server(context);
    // Stores see their parents' values, so the key names the context: a test gets its own.
    return context.getStore(NAMESPACE).getOrComputeIfAbsent("destination@" + context.getUniqueId(),
        k -> TestDestination.create(server, schema), TestDestination.class);
  }

  private PostgresServer server(ExtensionContext context) {
    Optional<PgdestTest> settings = settings(context);
    Backend backend = settings.map(PgdestTest::backend).orElse(Backend.DEFAULT);
    PgdestTest.Scope scope = settings.map(PgdestTest::scope).orElse(PgdestTest.Scope.CLASS);
    int major = matrixMajor != 0 ? matrixMajor : settings.map(PgdestTest::version).orElse(0);
    try {
      return ServerPool.server(context, backend, scope, major, matrixMajor != 0);
    } catch (BackendUnavailableException e) {
      Assumptions.abort(e.getMessage());
      throw e;
    }
  }

  private static Optional<PgdestTest> settings(ExtensionContext context) {
    return context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, PgdestTest.class));
  }

  private static List<Field> fields(Class<?> type, boolean statics) {
    return ReflectionSupport.findFields(type,
        f -> f.getType() == TestDestination.class && Modifier.isStatic(f.getModifiers()) == statics
            && !Modifier.isFinal(f.getModifiers()),
        HierarchyTraversalMode.TOP_DOWN);
  }

  private static void set(Field field, Object target, TestDestination value) {
    try {
      field.setAccessible(true);
      field.set(target, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("could not set " + field, e);
    }
  }
}
