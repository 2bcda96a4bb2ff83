package dev.pgdest.examples;

import static dev.pgdest.testkit.PgdestAssertions.assertThatTable;
import static dev.pgdest.testkit.PgdestAssertions.row;

import dev.pgdest.Destination;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import org.junit.jupiter.api.Test;

/** A connector author's test: a disposable destination, a restricted writer, rows checked. */
@PgdestTest(version = 16)
class ConnectorAuthorExampleIT {

  @Test
  void upsertsUsers(TestDestination dest) {
    TableSpec users = TableSpec.builder("users").column("id", PgType.BIGINT).column("email", PgType.TEXT)
        .primaryKey("id").build();
    try (Destination d = dest.openDestination(); TableWriter w = d.writer(users, WriteMode.UPSERT)) {
      w.write(1L, "a@example.com");
      w.write(2L, "b@example.com");
      w.write(1L, "a@new.example.com");
      w.commit();
    }
    assertThatTable(dest, "users").hasPrimaryKey("id")
        .containsExactlyInAnyOrderRows(row(1L, "a@new.example.com"), row(2L, "b@example.com"));
  }
}
