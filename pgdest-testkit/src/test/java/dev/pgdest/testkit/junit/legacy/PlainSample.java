package dev.pgdest.testkit.junit.legacy;

import static dev.pgdest.testkit.PgdestAssertions.assertThatTable;
import static dev.pgdest.testkit.PgdestAssertions.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import org.junit.jupiter.api.Test;

/**
 * A plain {@code @PgdestTest} class as a connector author writes one; {@code LegacyJupiterIT} runs
 * it on JUnit Jupiter 5.10. Not run by the build's own test executions (no Test or IT suffix).
 */
@PgdestTest
class PlainSample {
  static TestDestination shared;
  TestDestination perTest;

  @Test
  void writesAndAssertsThroughAParameter(TestDestination dest) {
    TableSpec users = TableSpec.builder("users").column("id", PgType.BIGINT)
        .column("email", PgType.TEXT).primaryKey("id").build();
    try (Destination d = dest.openDestination(); TableWriter w = d.writer(users, WriteMode.UPSERT)) {
      w.write(1L, "a@example.com");
      w.commit();
    }
    assertThatTable(dest, "users").containsExactlyInAnyOrderRows(row(1L, "a@example.com"));
  }

  @Test
  void setsStaticAndInstanceFields() {
    assertThat(shared).isNotNull();
    assertThat(perTest).isNotNull().isNotSameAs(shared);
    assertThat(perTest.queryValue("SELECT 1")).isEqualTo(1);
  }
}
