package dev.pgdest.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.Destination;
import dev.pgdest.FencedException;
import dev.pgdest.PgType;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PgdestVersions;
import dev.pgdest.testkit.TestDestination;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fencing: a session that claimed a key before another one did (a zombie task after a rebalance,
 * a second copy of a job) fails its commit with {@link FencedException} and lands nothing, while
 * claims of other keys go on undisturbed. Both writers, every major.
 */
@PgdestVersions
@PgdestTest(schema = "fencing")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FencingIT {
  private static final TableSpec ITEMS = TableSpec.builder("items").column("id", PgType.BIGINT)
      .column("v", PgType.TEXT).primaryKey("id").build();

  private TestDestination dest;

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void theOlderClaimersCommitFailsAndChangesNothing(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest));
         SyncSession zombie = d.openSync("crm");
         SyncSession successor = d.openSync("crm")) {
      zombie.claim("orders");
      zombie.table(ITEMS).upsert(1L, "first");
      zombie.commit(Map.of("orders", "10"));

      assertThat(successor.claim("orders")).as("the successor resumes from what landed").containsExactly(
          Map.entry("orders", "10"));
      TableChanges late = zombie.table(ITEMS);
      late.upsert(1L, "zombie");
      late.upsert(2L, "zombie");
      late.delete(1L);

      assertThatThrownBy(() -> zombie.commit(Map.of("orders", "zombie-position-20")))
          .isInstanceOfSatisfying(FencedException.class, e -> {
            assertThat(e.key()).isEqualTo("orders");
            assertThat(e.claimedEpoch()).isLessThan(e.currentEpoch());
            assertThat(e.getMessage()).contains("orders").doesNotContain("zombie-position").doesNotContain("\"zombie\"");
          });
      assertThat(rows()).as("nothing of the fenced unit landed").containsExactly(Map.of("id", 1L, "v", "first"));
      assertThat(Checkpoints.positions(dest, "crm")).containsExactly(Map.entry("orders", "10"));

      successor.table(ITEMS).upsert(2L, "successor");
      assertThat(successor.commit(Map.of("orders", "30")).positions()).containsExactly(Map.entry("orders", "30"));
    }
    assertThat(rows()).containsExactly(Map.of("id", 1L, "v", "first"), Map.of("id", 2L, "v", "successor"));
    assertThat(Checkpoints.positions(dest, "crm")).containsExactly(Map.entry("orders", "30"));
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void claimsOfOtherKeysAndOtherSyncNamesAreUnaffected(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest));
         SyncSession a = d.openSync("crm");
         SyncSession b = d.openSync("crm");
         SyncSession other = d.openSync("billing")) {
      a.claim("orders");
      b.claim("invoices");
      other.claim("orders"); // same key, another sync name: another checkpoint
      a.table(ITEMS).upsert(1L, "a");
      b.table(ITEMS).upsert(2L, "b");
      other.table(ITEMS).upsert(3L, "other");

      assertThat(a.commit(Map.of("orders", "a1")).positions()).containsEntry("orders", "a1");
      assertThat(b.commit(Map.of("invoices", "b1")).positions()).containsEntry("invoices", "b1");
      assertThat(other.commit(Map.of("orders", "o1")).positions()).containsEntry("orders", "o1");
      // The other sync name's claim of the same key fences nobody here.
      a.table(ITEMS).upsert(4L, "a");
      a.commit(Map.of("orders", "a2"));
    }
    assertThat(rows()).extracting(r -> r.get("id")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(Checkpoints.positions(dest, "crm")).containsExactly(Map.entry("invoices", "b1"), Map.entry("orders", "a2"));
    assertThat(Checkpoints.positions(dest, "billing")).containsExactly(Map.entry("orders", "o1"));
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void aFencedSessionThatClaimsAgainResumesAndFencesTheOther(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest));
         SyncSession first = d.openSync("crm");
         SyncSession second = d.openSync("crm")) {
      first.claim("orders");
      second.claim("orders");
      second.table(ITEMS).upsert(1L, "second");
      second.commit(Map.of("orders", "5"));

      assertThat(first.claim("orders")).containsExactly(Map.entry("orders", "5"));
      first.table(ITEMS).upsert(1L, "first");
      first.commit(Map.of("orders", "6"));

      second.table(ITEMS).upsert(1L, "stale");
      assertThatThrownBy(() -> second.commit(Map.of("orders", "7"))).isInstanceOf(FencedException.class);
    }
    assertThat(rows()).containsExactly(Map.of("id", 1L, "v", "first"));
    assertThat(Checkpoints.positions(dest, "crm")).containsExactly(Map.entry("orders", "6"));
  }

  @ParameterizedTest
  @EnumSource(WriterKind.class)
  void aPositionForAKeyNotClaimedIsRefused(WriterKind writer) {
    try (Destination d = dest.openDestination(writer.config(dest)); SyncSession s = d.openSync("crm")) {
      s.claim("orders");
      s.table(ITEMS).upsert(1L, "x");
      assertThatThrownBy(() -> s.commit(Map.of("invoices", "1"))).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("invoices");
    }
    assertThat(Checkpoints.positions(dest, "crm")).isEmpty();
  }

  private java.util.List<Map<String, Object>> rows() {
    return dest.query("SELECT id, v FROM " + dest.qualified("items") + " ORDER BY id");
  }
}
