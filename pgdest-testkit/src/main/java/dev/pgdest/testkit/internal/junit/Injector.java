package dev.pgdest.testkit.internal.junit;

import dev.pgdest.testkit.Backend;
import dev.pgdest.testkit.BackendUnavailableException;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.TestDestination;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestInstances;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * What the extension does, shared by {@link dev.pgdest.testkit.PgdestExtension} (any major, on
 * JUnit Jupiter 5.10 and newer) and the version matrix's {@link MajorExtension} (one major). Only
 * API present since Jupiter 5.10 is used here, so that {@code @PgdestTest} runs on the JUnit of
 * Spring Boot 3.x.
 *
 * <p>Destinations live in the store of the context they belong to (the class for static fields and
 * {@code @BeforeAll} parameters, the test otherwise) and are closed by JUnit. Instance fields are
 * set before each test, from the test's own context, so that each test gets a fresh destination
 * whatever context JUnit creates the instance in. Stateless apart from the major; thread-safe.
 */
public final class Injector {

  private static final Namespace NAMESPACE = Namespace.create(Injector.class);

  /** 0 for the class-level extension; the matrix's major otherwise. */
  private final int matrixMajor;

  /**
   * An injector.
   *
   * @param matrixMajor 0 when declared on a class; the major of one matrix invocation otherwise
   */
  public Injector(int matrixMajor) {
    this.matrixMajor = matrixMajor;
  }

  /** Starts the server and sets static fields, unless a matrix invocation does it. */
  public void beforeAll(ExtensionContext context) {
    if (!defersToMatrix(context)) {
      injectStatics(context);
    }
  }

  /** Sets static fields at the start of one major's run of a class template. */
  public void beforeMajor(ExtensionContext context) {
    injectStatics(context);
  }

  /** Sets instance fields, each test its own destination. */
  public void beforeEach(ExtensionContext context) {
    if (defersToMatrix(context)) {
      return;
    }
    server(context);
    List<Object> instances = context.getTestInstances().map(TestInstances::getAllInstances).orElse(List.of());
    for (Object instance : instances) {
      List<Field> fields = fields(instance.getClass(), false);
      if (!fields.isEmpty()) {
        TestDestination dest = destination(context);
        for (Field f : fields) {
          set(f, instance, dest);
        }
      }
    }
  }

  /** Whether this is a parameter the extension resolves here. */
  public boolean supports(Class<?> type, ExtensionContext context) {
    return (type == TestDestination.class || type == PostgresServer.class) && !defersToMatrix(context);
  }

  /** The server or destination for a parameter of {@code type}. */
  public Object resolve(Class<?> type, ExtensionContext context) {
    return type == PostgresServer.class ? server(context) : destination(context);
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
        k -> new StoredResource(TestDestination.create(server, schema)), StoredResource.class)
        .get(TestDestination.class);
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
