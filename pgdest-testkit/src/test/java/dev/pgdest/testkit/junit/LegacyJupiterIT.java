package dev.pgdest.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs sample test classes in a JVM whose only JUnit is Jupiter 5.10 (Spring Boot 3.x's), through
 * its console launcher. Regression: the extension implemented a Jupiter 5.13 interface, so even a
 * plain {@code @PgdestTest} class failed there with {@code NoClassDefFoundError}.
 */
class LegacyJupiterIT {

  private static final Path DIR = Path.of("target", "legacy-jupiter");

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aPgdestTestClassRunsOnJupiter510() throws Exception {
    Run run = launch("dev.pgdest.testkit.junit.legacy.PlainSample");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).as(run.output()).contains("2 tests successful").contains("0 tests failed");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theVersionMatrixSaysItNeedsJupiter513() throws Exception {
    Run run = launch("dev.pgdest.testkit.junit.legacy.VersionsSample");
    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output()).as(run.output())
        .contains("@PgdestVersions needs JUnit Jupiter 5.13 or newer").contains("Upgrade junit-bom")
        .doesNotContain("TypeNotPresent");
  }

  private static Run launch(String testClass) throws IOException, InterruptedException {
    List<String> classpath = new ArrayList<>();
    classpath.add(DIR.resolve("console-launcher.jar").toString());
    classpath.add(Path.of("target", "classes").toString());
    classpath.add(Path.of("target", "test-classes").toString());
    classpath.add(Files.readString(DIR.resolve("classpath.txt"), StandardCharsets.UTF_8).trim());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, classpath)));
    for (String property : List.of("maven.repo.local", "java.io.tmpdir")) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    command.addAll(List.of("org.junit.platform.console.ConsoleLauncher", "execute",
        "--disable-banner", "--disable-ansi-colors", "--details=tree", "--select-class=" + testClass));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes(); // ends when the process does
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String output) {}
}
