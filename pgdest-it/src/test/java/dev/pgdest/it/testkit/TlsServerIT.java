package dev.pgdest.it.testkit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.CheckReport;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.ConnectionException;
import dev.pgdest.SslMode;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.TestDestinations;
import dev.pgdest.testkit.TlsCertificates;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The testkit's TLS server, seen through DestinationConfig's TLS settings. */
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TlsServerIT {

  private static final String CERT_USER = "cert_user";

  private static TlsCertificates tls;
  private static EmbeddedPostgresServer server;

  @BeforeAll
  static void startTlsServer() throws SQLException {
    tls = TlsCertificates.generate("127.0.0.1");
    server = EmbeddedPostgresServer.builder()
        .tls(tls)
        .hbaLine("hostssl all " + CERT_USER + " 127.0.0.1/32 cert")
        .hbaLine("hostnossl all all 127.0.0.1/32 reject")
        .start();
    try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE USER " + CERT_USER);
      s.execute("GRANT CREATE ON DATABASE postgres TO " + CERT_USER);
    }
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void verifyFullWithTheGeneratedCaConnectsOverTls() throws SQLException {
    DestinationConfig config = admin().sslMode(SslMode.VERIFY_FULL).sslRootCert(tls.caCertFile())
        .applicationName("tls-verify-full").build();
    try (Destination dest = Destination.open(config)) {
      dest.ensureSchema();
      assertThat(sslSessions("tls-verify-full")).as("pooled sessions using TLS").isPositive();
    }
  }

  @Test
  void verifyFullRefusesACertificateFromAnotherCa() {
    TlsCertificates other = TlsCertificates.generate("127.0.0.1");
    DestinationConfig config = admin().sslMode(SslMode.VERIFY_FULL).sslRootCert(other.caCertFile()).build();
    assertFailsToConnect(config, "does not chain with any of the trust anchors");
  }

  @Test
  void verifyFullRefusesAHostNameTheCertificateDoesNotName() {
    DestinationConfig config = viaLocalhost().sslMode(SslMode.VERIFY_FULL).sslRootCert(tls.caCertFile()).build();
    assertFailsToConnect(config, "hostname localhost could not be verified");
  }

  @Test
  void verifyCaAcceptsAnyHostNameTheCaSigned() {
    DestinationConfig config = viaLocalhost().sslMode(SslMode.VERIFY_CA).sslRootCert(tls.caCertFile()).build();
    try (Destination dest = Destination.open(config)) {
      dest.ensureSchema();
    }
  }

  @Test
  void requireConnectsWithoutACaCertificate() throws SQLException {
    DestinationConfig config = admin().sslMode(SslMode.REQUIRE).applicationName("tls-require").build();
    try (Destination dest = Destination.open(config)) {
      dest.ensureSchema();
      assertThat(sslSessions("tls-require")).as("pooled sessions using TLS").isPositive();
    }
  }

  @Test
  void plainConnectionsAreRejectedByTheHbaRule() {
    assertFailsToConnect(admin().sslMode(SslMode.DISABLE).build(), "no encryption");
  }

  @Test
  void aClientCertificateAuthenticatesItsUserWithoutPassword() {
    TlsCertificates.ClientCertificate cc = tls.issueClientCertificate(CERT_USER);
    DestinationConfig config = TestDestinations.builder(server, "postgres", "cert_schema", CERT_USER, null)
        .connectTimeout(Duration.ofSeconds(1)).sslMode(SslMode.VERIFY_FULL).sslRootCert(tls.caCertFile())
        .sslClientCert(cc.certFile()).sslClientKey(cc.keyFile()).build();
    try (Destination dest = Destination.open(config)) {
      dest.ensureSchema();
    }
  }

  @Test
  void aClientCertificateForAnotherUserIsRejected() {
    TlsCertificates.ClientCertificate cc = tls.issueClientCertificate("someone_else");
    DestinationConfig config = TestDestinations.builder(server, "postgres", "cert_schema", CERT_USER, null)
        .connectTimeout(Duration.ofSeconds(1)).sslMode(SslMode.VERIFY_FULL).sslRootCert(tls.caCertFile())
        .sslClientCert(cc.certFile()).sslClientKey(cc.keyFile()).build();
    assertFailsToConnect(config, "certificate authentication failed");
  }

  @Test
  void theCheckReportsTheTlsSessionItVerified() {
    CheckReport.Item reachable = reachable(admin().sslMode(SslMode.VERIFY_FULL).sslRootCert(tls.caCertFile()).build());
    assertThat(reachable.status()).as(reachable.toString()).isEqualTo(CheckReport.Status.PASS);
    assertThat(reachable.explanation()).contains("with TLS");
  }

  @Test
  void theCheckExplainsACertificateFromAnUntrustedCa() {
    TlsCertificates other = TlsCertificates.generate("127.0.0.1");
    CheckReport.Item reachable = reachable(admin().sslMode(SslMode.VERIFY_FULL).sslRootCert(other.caCertFile()).build());
    assertThat(reachable.status()).as(reachable.toString()).isEqualTo(CheckReport.Status.FAIL);
    assertThat(reachable.explanation()).contains("not trusted").contains("sslRootCert");
  }

  @Test
  void theCheckExplainsACertificateForAnotherHostName() {
    CheckReport.Item reachable = reachable(viaLocalhost().sslMode(SslMode.VERIFY_FULL).sslRootCert(tls.caCertFile()).build());
    assertThat(reachable.status()).as(reachable.toString()).isEqualTo(CheckReport.Status.FAIL);
    assertThat(reachable.explanation()).contains("does not name the host \"localhost\"").contains("VERIFY_CA");
  }

  private static CheckReport.Item reachable(DestinationConfig config) {
    try (Destination dest = Destination.open(config)) {
      return dest.check().item("reachable").orElseThrow();
    }
  }

  private static DestinationConfig.Builder admin() {
    return TestDestinations.builder(server, "postgres", "tls_test", server.superuser(), server.superuserPassword())
        .connectTimeout(Duration.ofSeconds(1));
  }

  /** The server certificate names 127.0.0.1 only. */
  private static DestinationConfig.Builder viaLocalhost() {
    return DestinationConfig.builder().host("localhost").port(server.port()).database("postgres").schema("tls_test")
        .username(server.superuser()).password(server.superuserPassword()).connectTimeout(Duration.ofSeconds(1));
  }

  private static void assertFailsToConnect(DestinationConfig config, String why) {
    assertThatThrownBy(() -> {
      try (Destination dest = Destination.open(config)) {
        dest.ensureSchema();
      }
    }).as("connecting with %s", config).isInstanceOf(ConnectionException.class)
        .hasStackTraceContaining(why);
  }

  private static int sslSessions(String applicationName) throws SQLException {
    try (Connection c = server.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)"
            + " WHERE ssl AND application_name = '" + applicationName + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
