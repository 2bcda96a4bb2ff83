package dev.pgdest.it.foundation;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgdest.CheckReport;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SshTunnel;
import dev.pgdest.SslMode;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No secret reaches a log line, an exception or a {@code toString()}, whatever fails. Runs alone in
 * a JVM where every SLF4J logger is at TRACE (see the {@code redaction} execution of this module's
 * failsafe plugin); the driver's java.util.logging output is captured at its finest level too.
 */
@PgdestTest
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RedactionIT {
  private static final String CANARY = "CANARY" + UUID.randomUUID().toString().replace("-", "");
  /** The password: the canary wrapped in characters that a URL or a connection string would mangle. */
  private static final String PASSWORD = "p@ss:w/rd#" + CANARY + " &?";
  private static final String KEY_CANARY = "KEYCANARY" + UUID.randomUUID().toString().replace("-", "");
  private static final String PASSPHRASE_CANARY = "PASSPHRASECANARY" + UUID.randomUUID().toString().replace("-", "");

  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static final Logger JUL_ROOT = Logger.getLogger("");
  private static final Logger DRIVER = Logger.getLogger("org.postgresql");
  private static PrintStream originalErr;
  private static Handler julCapture;
  private static Level originalDriverLevel;
  private static TestDestination dest;

  private final List<Throwable> thrown = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  @BeforeAll
  static void captureLogs() {
    originalErr = System.err;
    // slf4j-simple writes to whatever System.err is at the time of each line.
    System.setErr(new PrintStream(new Tee(originalErr, LOG), true, StandardCharsets.UTF_8));
    julCapture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        String params = record.getParameters() == null ? "" : java.util.Arrays.deepToString(record.getParameters());
        String line = record.getLoggerName() + " " + record.getMessage() + " " + params
            + (record.getThrown() == null ? "" : " " + stackTrace(record.getThrown()));
        synchronized (LOG) {
          LOG.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    julCapture.setLevel(Level.ALL);
    originalDriverLevel = DRIVER.getLevel();
    DRIVER.setLevel(Level.ALL);
    JUL_ROOT.addHandler(julCapture);
  }

  @AfterAll
  static void restore() {
    JUL_ROOT.removeHandler(julCapture);
    DRIVER.setLevel(originalDriverLevel);
    System.setErr(originalErr);
  }

  @Test
  void noSecretInLogsMessagesOrToStrings() throws Exception {
    assumeTrue(LoggerFactory.getLogger("dev.pgdest").isTraceEnabled(),
        "runs in the failsafe execution 'redaction', where every logger is at TRACE");
    PostgresServer server = dest.server();
    String database = dest.database();
    WriterUser writer = WriterUsers.createUser(server, database, PASSWORD,
        "GRANT CREATE, TEMPORARY ON DATABASE {database} TO {user}");
    WriterUser other = dest.seedWriter();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    // The test's own set-up sends the password in CREATE USER; capture only what pgdest does.
    synchronized (LOG) {
      LOG.reset();
    }

    // The working destination: check, schema, and its toString.
    DestinationConfig good = local(database, writer.name(), PASSWORD, server.port()).build();
    texts.add(good.toString());
    run(good, true);
    // Failing destinations, each with the canary password.
    run(local(database, other.name(), PASSWORD, server.port()).build(), false);       // wrong password
    run(local(database, "no_such_user", PASSWORD, server.port()).build(), false);     // unknown user
    run(local("no_such_db", writer.name(), PASSWORD, server.port()).build(), false);  // missing database
    run(local(database, writer.name(), PASSWORD, closedPort).build(), false);         // refused
    run(DestinationConfig.builder().host("no-such-host.invalid").database(database).schema(dest.schema())
        .username(writer.name()).password(PASSWORD).sslMode(SslMode.DISABLE)
        .connectTimeout(Duration.ofSeconds(1)).build(), false);                          // unknown host
    run(DestinationConfig.builder().host(server.host()).port(server.port()).database(database)
        .schema(dest.schema()).username(writer.name()).password(PASSWORD).sslMode(SslMode.REQUIRE)
        .connectTimeout(Duration.ofSeconds(1)).build(), false);                          // TLS refused

    // Configurations that do not build.
    expectFailure(() -> DestinationConfig.builder().host("h").database("d").schema("s").username("u")
        .password(PASSWORD + "\0").build());
    expectFailure(() -> DestinationConfig.builder().host("h").password(PASSWORD).build());
    expectFailure(() -> DestinationConfig.builder().host("h").port(70000).database("d").schema("s")
        .username("u").password(PASSWORD).build());
    expectFailure(() -> DestinationConfig.builder().host("h").database("d").schema("s").username("u")
        .password(PASSWORD).sslClientCert(Path.of("client.crt")).sslClientKeyPassword(PASSWORD).build());
    expectFailure(() -> DestinationConfig.builder().host("h").database("d").schema("s").username("u")
        .password(PASSWORD).password(PASSWORD).build());

    // Tunnel configurations with a key and passphrase canary.
    String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + KEY_CANARY + "\n-----END OPENSSH PRIVATE KEY-----\n";
    SshTunnel tunnel = SshTunnel.builder().host("127.0.0.1").port(closedPort).username("tunnel")
        .privateKeyPem(pem).passphrase(PASSPHRASE_CANARY).insecureAcceptAnyHostKey(true)
        .connectTimeout(Duration.ofSeconds(1)).build();
    texts.add(tunnel.toString());
    expectFailure(() -> SshTunnel.builder().host("127.0.0.1").username("tunnel").privateKeyPem(pem)
        .passphrase(PASSPHRASE_CANARY).hostKeyFingerprint("MD5:00:11:22").build()); // malformed pin, valid key
    expectFailure(() -> SshTunnel.builder().host("127.0.0.1").username("tunnel").privateKeyPem(pem)
        .privateKeyFile(Path.of("id_ed25519")).passphrase(PASSPHRASE_CANARY).build());
    DestinationConfig tunnelled = local(database, writer.name(), PASSWORD, server.port()).tunnel(tunnel).build();
    texts.add(tunnelled.toString());
    run(tunnelled, false);

    String log;
    synchronized (LOG) {
      log = LOG.toString(StandardCharsets.UTF_8);
    }
    assertThat(log).as("the capture works: it holds the TRACE-level open line").contains("Opened destination");
    assertThat(thrown).as("the failure paths were driven").hasSizeGreaterThanOrEqualTo(10);
    List<String> everything = new ArrayList<>(texts);
    everything.add(log);
    thrown.forEach(t -> everything.add(stackTrace(t)));
    for (String text : everything) {
      for (String secret : List.of(CANARY, KEY_CANARY, PASSPHRASE_CANARY)) {
        int at = text.indexOf(secret);
        assertThat(at).as("a secret leaked here: %s", at < 0 ? "" : around(text, at)).isNegative();
      }
    }
  }

  private DestinationConfig.Builder local(String database, String user, String password, int port) {
    DestinationConfig.Builder builder = DestinationConfig.builder();
    builder.host(dest.server().host()).port(port).database(database).schema(dest.schema()).username(user)
        .password(password).sslMode(SslMode.DISABLE).connectTimeout(Duration.ofSeconds(1))
        .sslClientCert(Path.of("client.crt")).sslClientKey(Path.of("client.pk8"))
        .sslClientKeyPassword(PASSWORD + "-key"); // not loaded with sslMode DISABLE, but configured
    return builder;
  }

  /** Opens, checks and ensures the schema, keeping every report, toString and exception. */
  private void run(DestinationConfig config, boolean expectReady) {
    try (Destination destination = Destination.open(config)) {
      texts.add(destination.toString());
      CheckReport report = destination.check();
      texts.add(report.render());
      report.items().forEach(i -> texts.add(i.toString()));
      assertThat(report.isReady()).as(report.render()).isEqualTo(expectReady);
      try {
        destination.ensureSchema();
      } catch (RuntimeException e) {
        thrown.add(e);
      }
    } catch (RuntimeException e) {
      thrown.add(e);
    }
  }

  private void expectFailure(Supplier<?> build) {
    try {
      texts.add(String.valueOf(build.get()));
      throw new AssertionError("expected the build to fail");
    } catch (RuntimeException e) {
      thrown.add(e);
    }
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - 600), Math.min(text.length(), at + 200));
  }

  /** Message, toString, causes, suppressed and SQLException chains: all of it, as printed. */
  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.sql.SQLException sql) {
        for (java.sql.SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
          next.printStackTrace(new PrintWriter(out));
        }
      }
    }
    return out.toString();
  }

  /** Writes to the console and to the capture. */
  private static final class Tee extends OutputStream {
    private final OutputStream console;
    private final ByteArrayOutputStream capture;

    Tee(OutputStream console, ByteArrayOutputStream capture) {
      this.console = console;
      this.capture = capture;
    }

    @Override
    public void write(int b) {
      synchronized (capture) {
        capture.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (capture) {
        capture.write(b, off, len);
      }
    }

    @Override
    public void flush() {}
  }
}
