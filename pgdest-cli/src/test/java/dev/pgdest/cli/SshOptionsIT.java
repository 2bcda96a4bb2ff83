package dev.pgdest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.SshBastion;
import dev.pgdest.testkit.TestDestination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code keygen} and the SSH options of {@code check} and {@code load} against the testkit's bastion. */
@PgdestTest
@Timeout(120)
class SshOptionsIT {
  static TestDestination dest;

  @TempDir
  Path dir;

  private final Cli cli = new Cli();
  private SshBastion bastion;
  private Path key;

  @BeforeEach
  void bastionWithAGeneratedKey() {
    key = dir.resolve("id_ed25519");
    Cli.Result gen = cli.run("keygen", "--out", key.toString(), "--comment", "acme-sync");
    assertThat(gen.code()).as(gen.toString()).isZero();
    List<String> lines = gen.out().lines().toList();
    String authorized = lines.get(lines.indexOf(lines.stream().filter(l -> l.startsWith("# Add this line")).findFirst()
        .orElseThrow()) + 1);
    assertThat(authorized).startsWith("ssh-ed25519 ").endsWith(" acme-sync");
    bastion = SshBastion.start(dest.server().host(), dest.server().port()).authorize(authorized);
  }

  @AfterEach
  void closeBastion() {
    bastion.close();
  }

  private List<String> tunnelled(String... hostKeyOptions) {
    List<String> args = Cli.connection(dest, dest.seedWriter(), cli);
    args.addAll(List.of("--ssh-host", bastion.host(), "--ssh-port", String.valueOf(bastion.port()), "--ssh-user",
        bastion.user(), "--ssh-key-file", key.toString()));
    args.addAll(List.of(hostKeyOptions));
    return args;
  }

  @Test
  void keygenWritesThePrivateKeyOwnerOnly() throws IOException {
    assertThat(Files.readString(key)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    Cli.Result again = cli.run("keygen", "--out", key.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("exists");
  }

  @Test
  void keygenPrintsARestrictedLineOnRequest() {
    Cli.Result r = cli.run("keygen", "--restrict-to", "db.internal:5432");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("-----BEGIN OPENSSH PRIVATE KEY-----")
        .contains("restrict,port-forwarding,permitopen=\"db.internal:5432\" ssh-ed25519 ").contains("SHA256:");
  }

  @Test
  void checkPassesThroughTheBastionWithAKnownHostsFile() throws IOException {
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, bastion.knownHostsLine() + "\n");
    Cli.Result r = cli.run(Cli.args(tunnelled("--ssh-known-hosts", knownHosts.toString()), "check"));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(bastion.forwardRequests()).contains(dest.server().host() + ":" + dest.server().port());
  }

  @Test
  void checkPassesWithTheFingerprintAndFailsWithAnotherBeforeSendingTheKey() {
    Cli.Result r = cli.run(Cli.args(tunnelled("--ssh-fingerprint", bastion.hostKeyFingerprint()), "check"));
    assertThat(r.code()).as(r.toString()).isZero();

    String other;
    try (SshBastion impostor = SshBastion.start(dest.server().host(), dest.server().port())) {
      other = impostor.hostKeyFingerprint();
    }
    int attempts = bastion.authAttempts();
    Cli.Result wrong = cli.run(Cli.args(tunnelled("--ssh-fingerprint", other), "check"));
    assertThat(wrong.code()).as(wrong.toString()).isEqualTo(2);
    assertThat(wrong.out()).contains("FAIL");
    assertThat(bastion.authAttempts()).as("no key offered to a bastion that failed verification").isEqualTo(attempts);
  }

  @Test
  void aTunnelWithoutAHostKeyIsRefusedUpFront() {
    Cli.Result r = cli.run(Cli.args(tunnelled(), "check"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--ssh-known-hosts FILE or --ssh-fingerprint");
  }

  @Test
  void loadGoesThroughTheTunnel() throws IOException {
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, "id,name\n1,Ada\n2,Bob\n");
    Cli.Result r = cli.run(Cli.args(tunnelled("--ssh-fingerprint", bastion.hostKeyFingerprint()), "load",
        csv.toString(), "--table", "tunnelled"));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(dest.rowCount("tunnelled")).isEqualTo(2);
  }
}
