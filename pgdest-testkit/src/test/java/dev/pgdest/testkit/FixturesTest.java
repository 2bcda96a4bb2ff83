package dev.pgdest.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixtures hold the properties their names promise. */
class FixturesTest {

  @Test
  void awkwardIdentifiersFitPostgresLimitAndAreDistinct() {
    List<String> names = Fixtures.awkwardIdentifiers();
    assertThat(names).doesNotHaveDuplicates().allSatisfy(n -> {
      assertThat(bytes(n)).as(n).isBetween(1, Fixtures.MAX_IDENTIFIER_BYTES);
      assertThat(n).doesNotContain("\0");
    });
    assertThat(names).anySatisfy(n -> assertThat(bytes(n)).isEqualTo(63).isGreaterThan(n.length()));
  }

  @Test
  void collidingIdentifiersShareTheirFirst63Bytes() {
    for (List<String> pair : Fixtures.collidingLongIdentifiers()) {
      byte[] a = pair.get(0).getBytes(StandardCharsets.UTF_8);
      byte[] b = pair.get(1).getBytes(StandardCharsets.UTF_8);
      assertThat(a.length).isGreaterThan(63);
      assertThat(b.length).isGreaterThan(63);
      assertThat(Arrays.copyOf(a, 63)).isEqualTo(Arrays.copyOf(b, 63));
      assertThat(pair.get(0)).isNotEqualTo(pair.get(1));
    }
  }

  @Test
  void nulAndSurrogateStringsHoldWhatTheyClaim() {
    assertThat(Fixtures.nulStrings()).allSatisfy(s -> assertThat(s).contains("\0"));
    assertThat(Fixtures.unpairedSurrogates()).allSatisfy(s -> assertThat(
        StandardCharsets.UTF_8.newEncoder().canEncode(s)).as("encodable: %s", s).isFalse());
    assertThat(Fixtures.invalidIdentifiers()).contains("");
  }

  @Test
  void hugeJsonIsAtLeastTheAskedSizeAndBalanced() {
    String json = Fixtures.hugeJson(1 << 20);
    assertThat(json.length()).isGreaterThanOrEqualTo(1 << 20);
    assertThat(json).startsWith("{\"items\":[").endsWith("]}");
    assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
    assertThat(Fixtures.deeplyNestedJson(3)).isEqualTo("[[[0]]]");
  }

  @Test
  void duplicateKeysExpectationIsTheLastRowPerKey() {
    Map<Long, String> expected = Fixtures.inBatchDuplicateKeysExpected();
    for (Map<String, Object> row : Fixtures.inBatchDuplicateKeys()) {
      assertThat(expected).containsKey((Long) row.get("id"));
    }
    assertThat(expected).containsEntry(1L, "last").containsEntry(3L, "b").hasSize(3);
  }

  @Test
  void schemaDriftAddsThenWidensThenChangesIncompatibly() {
    List<Map<String, String>> steps = Fixtures.schemaDrift();
    assertThat(steps).hasSize(4);
    assertThat(steps.get(1)).containsKey("email").hasSize(steps.get(0).size() + 1);
    assertThat(steps.get(2)).containsEntry("id", "bigint").containsEntry("name", "text");
    assertThat(steps.get(3)).containsEntry("name", "integer");
    assertThat(Fixtures.numericOverflows()).extracting(Fixtures.Overflow::columnType).contains("smallint", "integer");
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
