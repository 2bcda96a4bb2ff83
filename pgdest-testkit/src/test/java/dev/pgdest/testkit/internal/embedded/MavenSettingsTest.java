package dev.pgdest.testkit.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MavenSettingsTest {

  @TempDir
  Path dir;

  @ParameterizedTest(name = "mirrorOf {0}: {1}")
  @CsvSource(delimiter = ';', value = {
      "*; true", "central; true", "external:*; true", "internal,central; true", "*,!central; false",
      "my-snapshots; false", "''; false"})
  void readsMirrorOfLikeMaven(String mirrorOf, boolean coversCentral) {
    assertThat(MavenSettings.coversCentral(mirrorOf)).isEqualTo(coversCentral);
  }

  @Test
  void readsTheMirrorOfCentralItsServerAndTheActiveProxy() throws Exception {
    Path file = dir.resolve("settings.xml");
    Files.writeString(file, """
        <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
          <servers>
            <server><id>corp</id><username>builder</username><password>s3cret</password></server>
          </servers>
          <mirrors>
            <mirror><id>snapshots</id><mirrorOf>my-snapshots</mirrorOf><url>https://other.example/</url></mirror>
            <mirror><id>corp</id><mirrorOf>*</mirrorOf><url>https://nexus.example/maven2</url></mirror>
          </mirrors>
          <proxies>
            <proxy><active>false</active><protocol>https</protocol><host>old.example</host><port>1</port></proxy>
            <proxy><protocol>https</protocol><host>proxy.example</host><port>3128</port>
              <nonProxyHosts>localhost|*.internal.example</nonProxyHosts></proxy>
          </proxies>
        </settings>
        """);
    MavenSettings s = MavenSettings.read(file);
    assertThat(s.centralMirror()).hasValueSatisfying(m -> {
      assertThat(m.id()).isEqualTo("corp");
      assertThat(m.url()).isEqualTo("https://nexus.example/maven2");
      assertThat(m.username()).hasValue("builder");
      assertThat(m.password()).hasValue("s3cret");
    });
    assertThat(s.proxyFor(URI.create("https://nexus.example/x"))).hasValueSatisfying(p -> {
      assertThat(p.host()).isEqualTo("proxy.example");
      assertThat(p.port()).isEqualTo(3128);
    });
    assertThat(s.proxyFor(URI.create("https://repo.internal.example/x"))).as("non-proxy host").isEmpty();
    assertThat(s.proxyFor(URI.create("http://nexus.example/x"))).as("other protocol").isEmpty();
  }

  @Test
  void aMissingFileMeansNoMirrorAndNoProxy() throws Exception {
    MavenSettings s = MavenSettings.read(dir.resolve("absent.xml"));
    assertThat(s.centralMirror()).isEmpty();
    assertThat(s.proxyFor(URI.create("https://repo.maven.apache.org/maven2"))).isEmpty();
  }
}
