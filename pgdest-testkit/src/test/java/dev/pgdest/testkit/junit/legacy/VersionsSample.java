package dev.pgdest.testkit.junit.legacy;

import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import org.junit.jupiter.api.Test;

/** {@code @PgdestVersions}, which needs Jupiter 5.13: on 5.10 it must fail with a message saying so. */
@PgdestVersions(17)
class VersionsSample {
  static TestDestination dest;

  @Test
  void runs() {
    dest.queryValue("SELECT 1");
  }
}
