package dev.pgdest.testkit.internal.junit;

import dev.pgdest.testkit.PgdestVersions;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Turns {@link PgdestVersions} into one invocation per major, each carrying a
 * {@link MajorExtension} fixed to that major. Invocations are produced lazily, so only one
 * major's server is running at a time.
 *
 * <p>Stateless and thread-safe.
 */
public final class VersionMatrix implements ClassTemplateInvocationContextProvider, TestTemplateInvocationContextProvider {

  /** Creates the provider; JUnit calls this. */
  public VersionMatrix() {}

  @Override
  public boolean supportsClassTemplate(ExtensionContext context) {
    return context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, PgdestVersions.class)).orElse(false);
  }

  @Override
  public Stream<? extends ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
      ExtensionContext context) {
    return majors(context.getRequiredTestClass()).stream().map(major -> new ClassTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return displayName(major);
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new MajorExtension(major));
      }
    });
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, PgdestVersions.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    return majors(context.getRequiredTestMethod()).stream().map(major -> new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return displayName(major);
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new MajorExtension(major));
      }
    });
  }

  /** The name JUnit shows for one major's run, in reports and IDEs: {@code "PostgreSQL 13"}. */
  static String displayName(int major) {
    return "PostgreSQL " + major;
  }

  private static List<Integer> majors(AnnotatedElement element) {
    PgdestVersions versions = AnnotationSupport.findAnnotation(element, PgdestVersions.class).orElseThrow();
    return Majors.select(versions.value(), System.getProperty(Majors.PROPERTY));
  }
}
