package dev.pgdest.it.ssh;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Item;
import dev.pgdest.CheckReport.Status;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SshTunnel;
import dev.pgdest.SslMode;
import dev.pgdest.ssh.SshKeyPair;
import dev.pgdest.ssh.SshKeys;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.SshBastion;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Destination.check()} through a real bastion: every item passing, and the {@code tunnel}
 * item failing for each setup mistake of the setup page's SSH note, with the advice that fixes it
 * and every later item not checked.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TunnelCheckIT {
  private static final SshKeyPair KEY = SshKeys.generateEd25519();
  private static final List<String> AFTER_TUNNEL = List.of(
      "reachable", "authenticates", "database", "version", "temporary", "create", "schema", "round_trip", "pooler", "checkpoints");
  /** The database the tunnelled checks reach. */
  private static TestDestination target;
  private static PostgresServer server;
  private static WriterUser writer;
  private static SshBastion bastion;

  /** Bastions a test starts for itself, closed after it. */
  private final List<SshBastion> ownBastions = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = target.server();
    writer = target.seedWriter();
    bastion = newBastion(server.port());
  }

  @AfterAll
  static void stop() {
    if (bastion != null) {
      bastion.close();
    }
  }

  @AfterEach
  void closeOwnBastions() throws Exception {
    ownBastions.forEach(SshBastion::close);
    Leaks.assertNoTunnelThreads();
  }

  private static SshBastion newBastion(int databasePort) {
    return SshBastion.builder().permitOpen(server.host(), databasePort)
        .authorize(KEY.restrictedAuthorizedKeysLine("pgdest-test", server.host(), databasePort)).start();
  }

  private SshBastion ownBastion(int databasePort) {
    SshBastion b = newBastion(databasePort);
    ownBastions.add(b);
    return b;
  }

  /** Bastion address, user and our key; the test adds how the host key is verified. */
  private static SshTunnel.Builder tunnel(SshBastion b) {
    return SshTunnel.builder().host(b.host()).port(b.port()).username(b.user()).privateKeyPem(KEY.privateKey())
        .connectTimeout(Duration.ofSeconds(5));
  }

  private static DestinationConfig config(String schema, WriterUser user, int databasePort, SshTunnel tunnel) {
    return DestinationConfig.builder().host(server.host()).port(databasePort).database(target.database()).schema(schema)
        .username(user.name()).password(user.password()).sslMode(SslMode.DISABLE)
        .connectTimeout(Duration.ofSeconds(5)).tunnel(tunnel).build();
  }

  private static CheckReport check(DestinationConfig config) {
    try (Destination destination = Destination.open(config)) {
      return destination.check();
    }
  }

  /** "id=STATUS" per item, without the password-shape warning that random passwords may trigger. */
  private static List<String> statuses(CheckReport report) {
    return report.items().stream().filter(i -> !i.id().equals("credentials"))
        .map(i -> i.id() + "=" + i.status()).collect(Collectors.toList());
  }

  private static Item item(CheckReport report, String id) {
    return report.item(id).orElseThrow(() -> new AssertionError("no item " + id + " in\n" + report.render()));
  }

  /** The tunnel item failed, first, and nothing after it was checked; returns its explanation. */
  private static String tunnelFailure(CheckReport report) {
    List<String> expected = new ArrayList<>(List.of("tunnel=FAIL"));
    AFTER_TUNNEL.forEach(id -> expected.add(id + "=SKIPPED"));
    assertThat(statuses(report)).as(report.render()).containsExactlyElementsOf(expected);
    assertThat(report.isReady()).isFalse();
    assertThat(report.firstFailure()).map(Item::id).hasValue("tunnel");
    for (String id : AFTER_TUNNEL) {
      assertThat(item(report, id).explanation()).as(id).isEqualTo("not checked: tunnel failed");
    }
    return item(report, "tunnel").explanation();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void seedWriterIsReadyThroughTheTunnelAndEveryItemPassesAfterEnsureSchema() throws Exception {
    DestinationConfig config = config("acme_sync", writer, server.port(),
        tunnel(bastion).knownHosts(bastion.knownHostsLine()).build());
    int forwardsBefore = bastion.forwardRequests().size();

    try (Destination destination = Destination.open(config)) {
      CheckReport before = destination.check();
      assertThat(statuses(before)).as(before.render()).containsExactly("tunnel=PASS", "reachable=PASS",
          "authenticates=PASS", "database=PASS", "version=PASS", "temporary=PASS", "create=PASS", "schema=SKIPPED",
          "round_trip=PASS", "pooler=PASS", "checkpoints=PASS");
      assertThat(before.isReady()).isTrue();
      assertThat(item(before, "tunnel").explanation())
          .contains("accepted our key", server.host() + ":" + server.port());
      assertThat(item(before, "reachable").explanation()).contains("through the SSH tunnel");

      destination.ensureSchema();
      CheckReport after = destination.check();
      assertThat(after.items()).as(after.render()).filteredOn(i -> !i.id().equals("credentials"))
          .allSatisfy(i -> assertThat(i.status()).as(i.id()).isEqualTo(Status.PASS));
      assertThat(statuses(after).get(0)).isEqualTo("tunnel=PASS");
      assertThat(after.isReady()).isTrue();
    }
    assertThat(bastion.forwardRequests().size()).as("channels the bastion opened to the database")
        .isGreaterThan(forwardsBefore);
  }

  @Test
  void precreatedSchemaWriterEnsuresItsSchemaThroughTheTunnel() throws Exception {
    String schema = "precreated_sync";
    WriterUser precreated = WriterUsers.createPrecreatedSchemaWriter(server, target.database(), schema);
    DestinationConfig config = config(schema, precreated, server.port(),
        tunnel(bastion).hostKeyFingerprint(bastion.hostKeyFingerprint()).build());

    try (Destination destination = Destination.open(config)) {
      destination.ensureSchema();
      CheckReport report = destination.check();
      assertThat(statuses(report)).as(report.render()).containsExactly("tunnel=PASS", "reachable=PASS",
          "authenticates=PASS", "database=PASS", "version=PASS", "temporary=PASS", "create=PASS", "schema=PASS",
          "round_trip=PASS", "pooler=PASS", "checkpoints=PASS");
      assertThat(item(report, "create").explanation()).startsWith("not needed");
    }
  }

  @Test
  void closedSshPortIsBastionUnreachableWithTheEgressAdvice() throws Exception {
    int port = closedPort();
    SshTunnel tunnel = SshTunnel.builder().host("127.0.0.1").port(port).username("tunnel")
        .privateKeyPem(KEY.privateKey()).hostKeyFingerprint(bastion.hostKeyFingerprint()).build();

    String explanation = tunnelFailure(check(config("acme_sync", writer, server.port(), tunnel)));

    assertThat(explanation).contains("127.0.0.1:" + port, "cannot be reached", "connection refused",
        "Allow the service's egress IP on port " + port + " of the bastion");
  }

  @Test
  void unknownHostKeyShowsTheOfferedFingerprintAndSendsNoCredential() throws Exception {
    SshBastion b = ownBastion(server.port());
    String otherHostOnly = "bastion.example.com " + b.hostPublicKey();

    String explanation = tunnelFailure(check(config("acme_sync", writer, server.port(),
        tunnel(b).knownHosts(otherHostOnly).build())));

    assertThat(explanation).contains("host key is not the configured one", b.hostKeyFingerprint(), "does not list",
        "No credentials were sent", "ssh-keygen");
    assertThat(b.authAttempts()).as("public keys offered to a bastion whose host key is unknown").isZero();
  }

  @Test
  void changedHostKeyShowsTheOfferedFingerprintAndSendsNoCredential() throws Exception {
    SshBastion b = ownBastion(server.port());
    String knownBefore = b.knownHostsLine();
    String fingerprintBefore = b.hostKeyFingerprint();

    b.rotateHostKey();
    String explanation = tunnelFailure(check(config("acme_sync", writer, server.port(),
        tunnel(b).knownHosts(knownBefore).build())));

    assertThat(b.hostKeyFingerprint()).as("rotated key").isNotEqualTo(fingerprintBefore);
    assertThat(explanation).contains(b.hostKeyFingerprint(), "DIFFERS", "intercepting");
    assertThat(b.authAttempts()).as("public keys offered to a bastion whose host key changed").isZero();
  }

  @Test
  void refusedKeyGivesTheExactAuthorizedKeysLine() throws Exception {
    SshKeyPair stranger = SshKeys.generateEd25519();
    SshTunnel tunnel = SshTunnel.builder().host(bastion.host()).port(bastion.port()).username(bastion.user())
        .privateKeyPem(stranger.privateKey()).knownHosts(bastion.knownHostsLine()).build();

    String explanation = tunnelFailure(check(config("acme_sync", writer, server.port(), tunnel)));

    assertThat(explanation).contains("refused our key for user \"" + bastion.user() + "\"",
        stranger.fingerprint(), stranger.authorizedKeysLine("pgdest"), "authorized_keys");
    assertThat(explanation).as("the private key never appears").doesNotContain(stranger.privateKey().split("\n")[1]);
  }

  @Test
  void refusedForwardingNamesAllowTcpForwarding() throws Exception {
    SshBastion b = ownBastion(server.port());
    b.refuseForwarding(true);

    String explanation = tunnelFailure(check(config("acme_sync", writer, server.port(),
        tunnel(b).knownHosts(b.knownHostsLine()).build())));

    assertThat(explanation).contains("does not allow TCP forwarding", "AllowTcpForwarding yes",
        server.host() + ":" + server.port());
  }

  @Test
  void databaseUnreachableFromTheBastionNamesTheBastionsIp() throws Exception {
    int deadPort = closedPort();
    SshBastion b = ownBastion(deadPort);

    String explanation = tunnelFailure(check(config("acme_sync", writer, deadPort,
        tunnel(b).knownHosts(b.knownHostsLine()).build())));

    assertThat(explanation).contains("the bastion cannot reach " + server.host() + ":" + deadPort,
        "allow the bastion's IP on the database port " + deadPort);
    assertThat(b.forwardRequests()).as("what the bastion was asked to open").contains(server.host() + ":" + deadPort);
  }
}
