package dev.pgdest.testkit.internal.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Registered by {@link dev.pgdest.testkit.PgdestVersions} ahead of the matrix itself: on a JUnit
 * Jupiter older than 5.13, which has no class templates, it fails the test with a message that says
 * so, instead of the {@code TypeNotPresentException} JUnit would report for the matrix. Written
 * against Jupiter 5.10's API only, so that it loads there.
 *
 * <p>Stateless and thread-safe.
 */
public final class JupiterVersionCheck implements Extension {

  static final String CLASS_TEMPLATE = "org.junit.jupiter.api.ClassTemplate";

  /**
   * Checks the Jupiter on the class path; JUnit calls this.
   *
   * @throws ExtensionConfigurationException when it is older than 5.13
   */
  public JupiterVersionCheck() {
    check(JupiterVersionCheck.class.getClassLoader());
  }

  static void check(ClassLoader loader) {
    try {
      Class.forName(CLASS_TEMPLATE, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ExtensionConfigurationException(message(jupiterVersion()));
    }
  }

  static String message(String found) {
    return "@PgdestVersions needs JUnit Jupiter 5.13 or newer (class templates); found " + found
        + ". Upgrade junit-bom to 5.13 or newer, or drop @PgdestVersions: @PgdestTest runs on 5.10 and newer.";
  }

  private static String jupiterVersion() {
    Package p = Test.class.getPackage();
    String version = p == null ? null : p.getImplementationVersion();
    return version == null ? "an unknown version" : version;
  }
}
