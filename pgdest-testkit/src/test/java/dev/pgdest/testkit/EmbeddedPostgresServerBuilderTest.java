package dev.pgdest.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedPostgresServerBuilderTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 11, 19})
  void rejectsUnsupportedMajorsNamingValueAndRange(int major) {
    assertThatThrownBy(() -> EmbeddedPostgresServer.start(major))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("majorVersion must be in 12..18: " + major);
  }

  @Test
  void rejectsPortsOutOfRange() {
    assertThatThrownBy(() -> EmbeddedPostgresServer.builder().port(65536))
        .hasMessage("port must be in 0..65535 (0 picks a free port): 65536");
  }

  @Test
  void rejectsSettingsTheServerManages() {
    assertThatThrownBy(() -> EmbeddedPostgresServer.builder().setting("port", "5432"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use port(int)");
    assertThatThrownBy(() -> EmbeddedPostgresServer.builder().setting("work mem", "1MB"))
        .hasMessageContaining("work mem");
  }

  @Test
  void rejectsDataFilesOutsideTheDataDirectoryOrOverPostgresFiles() {
    byte[] content = new byte[0];
    assertThatThrownBy(() -> EmbeddedPostgresServer.builder().dataFile("../server.key", content, true))
        .hasMessageContaining("plain file name");
    assertThatThrownBy(() -> EmbeddedPostgresServer.builder().dataFile("pg_hba.conf", content, false))
        .hasMessageContaining("PostgreSQL's own files");
  }

  @Test
  void rejectsMultiLineHbaEntries() {
    assertThatThrownBy(() -> EmbeddedPostgresServer.builder().hbaLine("host all all 0.0.0.0/0 trust\nlocal all all trust"))
        .hasMessageStartingWith("hbaLine must be one non-blank line");
  }
}
