package dev.pgdest.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.testkit.internal.backend.ExternalSettings;
import dev.pgdest.testkit.internal.junit.Majors;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendTest {

  @AfterEach
  void clear() {
    System.clearProperty(Backend.BACKEND_PROPERTY);
  }

  @Test
  void defaultIsEmbeddedUnlessConfigured() {
    assertThat(Backend.DEFAULT.resolve()).isEqualTo(Backend.EMBEDDED);
    System.setProperty(Backend.BACKEND_PROPERTY, "Testcontainers");
    assertThat(Backend.DEFAULT.resolve()).isEqualTo(Backend.TESTCONTAINERS);
    assertThat(Backend.EXTERNAL.resolve()).isEqualTo(Backend.EXTERNAL);
    System.setProperty(Backend.BACKEND_PROPERTY, "docker");
    assertThatThrownBy(Backend.DEFAULT::resolve).hasMessageContaining("embedded, testcontainers or external: docker");
  }

  @Test
  void externalUrlFormsParse() {
    assertThat(ExternalSettings.parse("db.internal", "u", "p"))
        .isEqualTo(new ExternalSettings("db.internal", 5432, "postgres", "u", "p"));
    assertThat(ExternalSettings.parse("db.internal:5433", "u", null).port()).isEqualTo(5433);
    assertThat(ExternalSettings.parse("jdbc:postgresql://10.0.0.5:6432/admin%20db", "u", "p"))
        .isEqualTo(new ExternalSettings("10.0.0.5", 6432, "admin db", "u", "p"));
    assertThat(ExternalSettings.parse("postgresql://h/x", "u", "secret").toString()).doesNotContain("secret");
    assertThatThrownBy(() -> ExternalSettings.parse("postgresql://admin:pw@h/x", "u", "p"))
        .hasMessageContaining("must not carry credentials").hasMessageNotContaining("pw");
    assertThatThrownBy(() -> ExternalSettings.parse("mysql://h/x", "u", "p")).hasMessageContaining("postgresql scheme");
  }

  @Test
  void versionMatrixDefaultsToEverySupportedMajorAndNarrowsByProperty() {
    assertThat(Majors.select(new int[0], null)).containsExactly(12, 13, 14, 15, 16, 17, 18);
    assertThat(Majors.select(new int[0], "all")).hasSize(7);
    assertThat(Majors.select(new int[0], "17")).containsExactly(17);
    assertThat(Majors.select(new int[0], "17, 13")).containsExactly(13, 17);
    assertThat(Majors.select(new int[0], "13-15,18")).containsExactly(13, 14, 15, 18);
    assertThat(Majors.select(new int[] {12, 16}, "13-18")).as("the annotation and the property intersect")
        .containsExactly(16);
    assertThat(Majors.SUPPORTED).isEqualTo(List.of(12, 13, 14, 15, 16, 17, 18));
    assertThatThrownBy(() -> Majors.select(new int[0], "11")).hasMessageContaining("PostgreSQL 11 is not supported");
    assertThatThrownBy(() -> Majors.select(new int[0], "seventeen")).hasMessageContaining("like 17, 13,17 or 13-18");
    assertThatThrownBy(() -> Majors.select(new int[] {19}, null)).hasMessageContaining("@PgdestVersions");
  }
}
