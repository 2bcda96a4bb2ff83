package dev.pgdest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport.Item;
import dev.pgdest.CheckReport.Status;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckReportTest {
  private static final Item PASS = new Item("reachable", "server reachable", Status.PASS, "connected", Optional.empty());
  private static final Item FAIL = new Item("temporary", "TEMPORARY on database \"d\"", Status.FAIL,
      "may not create temporary tables", Optional.of("GRANT TEMPORARY ON DATABASE \"d\" TO \"u\";"));
  private static final Item SKIPPED = new Item("round_trip", "round trip", Status.SKIPPED,
      "not checked: temporary failed", Optional.empty());

  @Test
  void aFailureMakesItNotReadyAndIsTheFirstToFix() {
    CheckReport report = CheckReport.of(List.of(PASS, FAIL, SKIPPED));

    assertThat(report.isReady()).isFalse();
    assertThat(report.firstFailure()).hasValue(FAIL);
    assertThat(report.item("round_trip")).hasValue(SKIPPED);
    assertThat(report.item("nope")).isEmpty();
  }

  @Test
  void warningsAndSkipsAloneAreReady() {
    Item warn = new Item("version", "PostgreSQL version", Status.WARN, "12 is best effort", Optional.empty());
    assertThat(CheckReport.of(List.of(PASS, warn)).isReady()).isTrue();
  }

  @Test
  void renderShowsEachItemWithItsExplanationAndFix() {
    String text = CheckReport.of(List.of(PASS, FAIL, SKIPPED)).render();

    assertThat(text).startsWith("pgdest destination check: NOT READY")
        .contains("[PASS   ] server reachable", "[FAIL   ] TEMPORARY on database \"d\"",
            "fix: GRANT TEMPORARY ON DATABASE \"d\" TO \"u\";", "not checked: temporary failed");
  }
}
