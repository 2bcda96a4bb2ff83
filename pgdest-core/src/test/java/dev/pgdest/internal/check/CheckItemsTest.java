package dev.pgdest.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Status;
import dev.pgdest.DestinationConfig;
import dev.pgdest.Destination;
import dev.pgdest.SshTunnel;
import dev.pgdest.internal.tunnel.FakeTunnelProvider;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The parts of the check that need no server: thresholds, static warnings, blocking. */
class CheckItemsTest {

  @Test
  void versionThresholds() {
    assertThat(PrivilegeCheck.versionItem(180001, "18.1").status()).isEqualTo(Status.PASS);
    assertThat(PrivilegeCheck.versionItem(130000, "13.0").status()).isEqualTo(Status.PASS);
    assertThat(PrivilegeCheck.versionItem(129999, "12.22").status()).isEqualTo(Status.WARN);
    assertThat(PrivilegeCheck.versionItem(120000, "12.0").explanation()).contains("best-effort");
    assertThat(PrivilegeCheck.versionItem(119999, "11.22").status()).isEqualTo(Status.FAIL);
  }

  @Test
  void whiteSpaceAroundCredentialsIsAWarningOnlyWhenPresent() {
    DestinationConfig.Builder plain = DestinationConfig.builder();
    plain.host("h").database("d").schema("s").username("u").password("p w");
    assertThat(CredentialsCheck.check(plain.build())).isEmpty();

    DestinationConfig trailing = DestinationConfig.builder().host("h").database("d").schema("s").username("u")
        .password("secret\t").build();
    assertThat(CredentialsCheck.check(trailing)).hasValueSatisfying(i -> {
      assertThat(i.status()).isEqualTo(Status.WARN);
      assertThat(i.explanation()).startsWith("the password starts or ends").doesNotContain("secret");
    });
    DestinationConfig user = DestinationConfig.builder().host("h").database("d").schema("s").username(" u").build();
    assertThat(CredentialsCheck.check(user)).hasValueSatisfying(
        i -> assertThat(i.explanation()).startsWith("the username starts or ends"));
  }

  @Test
  void afterABlockerEveryItemIsSkippedNamingIt() {
    Checklist list = new Checklist();
    list.addUnlessBlocked("a", "A", () -> Checklist.pass("a", "A", "ok"));
    list.addUnlessBlocked("b", "B", () -> {
      throw new SQLException("permission denied for table x", "42501");
    });
    list.addUnlessBlocked("c", "C", () -> Checklist.pass("c", "C", "never run"));

    CheckReport report = list.report();
    assertThat(report.items()).extracting(CheckReport.Item::status)
        .containsExactly(Status.PASS, Status.FAIL, Status.SKIPPED);
    assertThat(report.item("b").orElseThrow().explanation())
        .isEqualTo("could not be checked: permission denied for table x [SQLSTATE 42501]");
    assertThat(report.item("c").orElseThrow().explanation()).isEqualTo("not checked: b failed");
  }

  @Test
  void aFailingTunnelBlocksEverythingAfterIt() {
    SshTunnel tunnel = SshTunnel.builder().host(FakeTunnelProvider.HOST).username("open-AUTH_REFUSED")
        .privateKeyPem("not a real key").insecureAcceptAnyHostKey(true).build();
    DestinationConfig config = DestinationConfig.builder().host("db.internal").database("d").schema("s")
        .username("u").tunnel(tunnel).build();

    CheckReport report;
    try (Destination destination = Destination.open(config)) {
      report = destination.check();
    }

    assertThat(report.items()).extracting(i -> i.id() + "=" + i.status()).containsExactly(
        "tunnel=FAIL", "reachable=SKIPPED", "authenticates=SKIPPED", "database=SKIPPED", "version=SKIPPED",
        "temporary=SKIPPED", "create=SKIPPED", "schema=SKIPPED", "round_trip=SKIPPED", "pooler=SKIPPED", "checkpoints=SKIPPED");
    assertThat(report.item("reachable").orElseThrow().explanation()).isEqualTo("not checked: tunnel failed");
  }
}
