package dev.pgdest.it.ssh;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pgdest.ConnectionException;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SshTunnel;
import dev.pgdest.SslMode;
import dev.pgdest.TunnelException;
import dev.pgdest.spi.TunnelFailure;
import dev.pgdest.spi.TunnelProvider;
import dev.pgdest.spi.TunnelSettings;
import dev.pgdest.ssh.SshKeyPair;
import dev.pgdest.ssh.SshKeys;
import dev.pgdest.testkit.FaultProxy;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.SshBastion;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bastion that stops answering without closing anything is noticed by the keepalives, a
 * reconnect to it gives up after the connect timeout instead of hanging, and the tunnel works
 * again once the bastion answers.
 */
@PgdestTest(scope = PgdestTest.Scope.JVM)
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeadBastionIT {
  private static final SshKeyPair KEY = SshKeys.generateEd25519();
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Three missed keepalives end the session: allow that, one more interval, and slack for a busy machine. */
  private static final Duration DETECTION_BOUND = Duration.ofSeconds(12);
  /** A failed reconnect is bounded by the connect timeout (twice: handshake and authentication) plus slack. */
  private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(10);

  /** The database behind the bastion. */
  private static TestDestination target;
  private static PostgresServer server;
  private static WriterUser writer;
  private SshBastion bastion;
  private FaultProxy relay;

  @BeforeAll
  static void writer() {
    server = target.server();
    writer = target.seedWriter();
  }

  @BeforeEach
  void startBastion() throws Exception {
    bastion = SshBastion.builder().permitOpen(server.host(), server.port())
        .authorize(KEY.authorizedKeysLine("t")).start();
    relay = FaultProxy.start(bastion.host(), bastion.port());
  }

  @AfterEach
  void stopBastion() throws Exception {
    relay.close();
    bastion.close();
    Leaks.assertNoTunnelThreads();
  }

  @Test
  void keepalivesNoticeABastionThatStoppedAnsweringAndTheTunnelRecovers() throws Exception {
    TunnelProvider provider = ServiceLoader.load(TunnelProvider.class).findFirst().orElseThrow();
    Map<String, Object> settings = Map.of(
        TunnelSettings.KIND, "ssh",
        TunnelSettings.HOST, "127.0.0.1",
        TunnelSettings.PORT, relay.port(),
        TunnelSettings.USERNAME, bastion.user(),
        TunnelSettings.PRIVATE_KEY, KEY.privateKey().toCharArray(),
        TunnelSettings.HOST_KEY_FINGERPRINT, bastion.hostKeyFingerprint(),
        TunnelSettings.KEEP_ALIVE_MILLIS, KEEP_ALIVE.toMillis(),
        TunnelSettings.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT.toMillis());
    try (TunnelProvider.Tunnel tunnel = provider.open(settings, server.host(), server.port())) {
      int port = tunnel.localPort();
      assertThat(serverPortThrough(port)).as("query through the tunnel").isEqualTo(server.port());

      relay.blackHole(true);
      long detected = await(() -> !tunnel.isConnected(), DETECTION_BOUND, "isConnected() turning false");
      assertThat(relay.openConnections()).as("sessions the client still holds open").isZero();

      Throwable failure = failsWithin("reconnect", tunnel::ensureConnected, FAIL_FAST_BOUND, TunnelFailure.class);
      assertThat(((TunnelFailure) failure).reason()).isEqualTo(TunnelFailure.Reason.BASTION_UNREACHABLE);
      assertThat(failure).hasMessageContaining("within " + CONNECT_TIMEOUT.toMillis() + " ms");
      assertThat(tunnel.isConnected()).isFalse();

      relay.blackHole(false);
      tunnel.ensureConnected();
      assertThat(tunnel.isConnected()).as("connected again").isTrue();
      assertThat(tunnel.localPort()).as("local port after the reconnect").isEqualTo(port);
      assertThat(serverPortThrough(port)).as("query through the reconnected tunnel").isEqualTo(server.port());
      System.out.printf("dead bastion: isConnected() false after %d ms%n", detected);
    }
  }

  @Test
  void aDestinationFailsFastWhileTheBastionIsDeadAndWorksAgainAfterwards() throws Exception {
    DestinationConfig config = DestinationConfig.builder().host(server.host()).port(server.port())
        .database(target.database())
        .schema("acme_sync").username(writer.name()).password(writer.password()).sslMode(SslMode.DISABLE)
        .connectTimeout(Duration.ofSeconds(3))
        .tunnel(SshTunnel.builder().host("127.0.0.1").port(relay.port()).username(bastion.user())
            .privateKeyPem(KEY.privateKey()).hostKeyFingerprint(bastion.hostKeyFingerprint())
            .keepAliveInterval(KEEP_ALIVE).connectTimeout(CONNECT_TIMEOUT).build())
        .build();
    try (Destination destination = Destination.open(config)) {
      destination.ensureSchema();

      relay.blackHole(true);
      await(() -> relay.openConnections() == 0, DETECTION_BOUND, "the client closing its dead session");

      Throwable failure = failsWithin("ensureSchema", destination::ensureSchema, FAIL_FAST_BOUND,
          TunnelException.class, ConnectionException.class);
      assertThat(failure).hasMessageContaining("127.0.0.1:" + relay.port());

      relay.blackHole(false);
      destination.ensureSchema();
      assertThat(destination.check().isReady()).as("check after the bastion answers again").isTrue();
    }
  }

  /** Polls until the condition holds; returns the milliseconds it took. */
  private static long await(BooleanSupplier condition, Duration bound, String what) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("%s within %s", what, bound).isTrue();
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Asserts the call fails with one of the types within the bound (or is cut off there); returns the failure. */
  @SafeVarargs
  private static Throwable failsWithin(String what, ThrowingRunnable call, Duration bound,
      Class<? extends Throwable>... types) {
    long start = System.nanoTime();
    Throwable thrown = assertTimeoutPreemptively(bound, () -> catchThrowable(call::run), what + " hung");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(thrown).as("what %s threw after %d ms", what, millis).isInstanceOfAny(types);
    System.out.printf("dead bastion: %s gave up after %d ms: %s%n", what, millis, thrown.getMessage());
    return thrown;
  }

  /** Logs in through the tunnel's local port as the writer; returns the port the server says it listens on. */
  private static int serverPortThrough(int localPort) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", writer.name());
    props.setProperty("password", writer.password());
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "10");
    String url = "jdbc:postgresql://127.0.0.1:" + localPort + "/" + target.database();
    try (Connection c = DriverManager.getConnection(url, props);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
