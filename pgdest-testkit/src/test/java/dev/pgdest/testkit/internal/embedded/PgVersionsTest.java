package dev.pgdest.testkit.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PgVersionsTest {

  private static final String PROPERTY = "pgdest.embedded.version.16";

  @AfterEach
  void clearOverride() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void mapsEachMajorToItsBinariesVersion() {
    assertThat(PgVersions.fullVersion(12)).isEqualTo("12.22.0");
    assertThat(PgVersions.fullVersion(17)).isEqualTo("17.11.0");
    assertThat(PgVersions.fullVersion(18)).isEqualTo("18.6.0");
  }

  @Test
  void systemPropertyOverridesTheVersionOfOneMajor() {
    System.setProperty(PROPERTY, "16.14.0");

    assertThat(PgVersions.fullVersion(16)).isEqualTo("16.14.0");
    assertThat(PgVersions.fullVersion(15)).isEqualTo("15.19.0");
  }

  @Test
  void rejectsAnOverrideOfAnotherMajor() {
    System.setProperty(PROPERTY, "17.2.0");

    assertThatThrownBy(() -> PgVersions.fullVersion(16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(PROPERTY).hasMessageContaining("17.2.0");
  }
}
