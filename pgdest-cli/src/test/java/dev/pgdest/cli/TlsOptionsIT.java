package dev.pgdest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.EmbeddedPostgresServer;
import dev.pgdest.testkit.TlsCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The TLS options of {@code check} and {@code load} against the testkit's TLS server. */
@Timeout(120)
class TlsOptionsIT {
  private static final String CERT_USER = "cert_user";

  private static TlsCertificates tls;
  private static EmbeddedPostgresServer server;

  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  @BeforeAll
  static void startTlsServer() throws SQLException {
    tls = TlsCertificates.generate("127.0.0.1");
    server = EmbeddedPostgresServer.builder().tls(tls)
        .hbaLine("hostssl all " + CERT_USER + " 127.0.0.1/32 cert")
        .hbaLine("hostnossl all all 127.0.0.1/32 reject").start();
    try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE USER " + CERT_USER);
      s.execute("GRANT CREATE, TEMPORARY ON DATABASE postgres TO " + CERT_USER);
    }
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private List<String> admin(String... tlsOptions) {
    cli.env("PGDEST_PASSWORD", server.superuserPassword());
    List<String> args = new ArrayList<>(List.of("--host", server.host(), "--port", String.valueOf(server.port()),
        "--database", "postgres", "--schema", "tls_cli", "--user", server.superuser()));
    args.addAll(List.of(tlsOptions));
    return args;
  }

  @Test
  void verifyFullWithTheCaPassesAndLoads() throws IOException, SQLException {
    List<String> args = admin("--sslmode", "verify-full", "--sslrootcert", tls.caCertFile().toString());
    Cli.Result check = cli.run(Cli.args(args, "check"));
    assertThat(check.code()).as(check.toString()).isZero();

    String csv = Cli.file(dir, "t.csv", "id\n1\n2\n");
    Cli.Result load = cli.run(Cli.args(args, "load", csv, "--table", "over_tls"));
    assertThat(load.code()).as(load.toString()).isZero();
    try (Connection c = server.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM tls_cli.over_tls")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(2);
    }
  }

  @Test
  void aServerCertificateFromAnotherCaFailsTheCheck() {
    TlsCertificates other = TlsCertificates.generate("127.0.0.1");
    Cli.Result r = cli.run(Cli.args(admin("--sslmode", "verify-full", "--sslrootcert", other.caCertFile().toString()),
        "check"));
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("not trusted");
  }

  @Test
  void aClientCertificateLogsInWithoutAPassword() {
    TlsCertificates.ClientCertificate cc = tls.issueClientCertificate(CERT_USER);
    Cli.Result r = cli.run("check", "--host", server.host(), "--port", String.valueOf(server.port()), "--database",
        "postgres", "--schema", "cert_cli", "--user", CERT_USER, "--sslmode", "verify-full", "--sslrootcert",
        tls.caCertFile().toString(), "--sslcert", cc.certFile().toString(), "--sslkey", cc.keyFile().toString());
    assertThat(r.code()).as(r.toString()).isLessThan(2);
    assertThat(r.out()).contains("READY");
  }
}
