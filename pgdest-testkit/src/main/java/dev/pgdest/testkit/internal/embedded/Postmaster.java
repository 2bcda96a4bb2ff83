package dev.pgdest.testkit.internal.embedded;

import dev.pgdest.testkit.internal.ServerAdmin;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running {@code postgres} child process of one cluster: launch, readiness and stop. */
final class Postmaster {

  static final String HOST = "127.0.0.1";

  private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int PORT_ATTEMPTS = 5;
  private static final int LOG_TAIL_BYTES = 4096;

  private final Process process;
  private final int port;
  private final String serverVersion;

  private Postmaster(Process process, int port, String serverVersion) {
    this.process = process;
    this.port = port;
    this.serverVersion = serverVersion;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  String serverVersion() {
    return serverVersion;
  }

  /**
   * Starts postgres and waits until a superuser JDBC connection succeeds. With {@code port} 0 a
   * free port is chosen, and another one if the server finds it taken in the meantime.
   */
  static Postmaster start(Path installDir, Path data, Path log, int port, Map<String, String> settings,
      String password, RunAccount account) throws IOException {
    for (int attempt = 1; ; attempt++) {
      int chosen = port == 0 ? freePort() : port;
      try {
        return startOnce(installDir, data, log, chosen, settings, password, account);
      } catch (PortInUseException e) {
        if (port != 0 || attempt == PORT_ATTEMPTS) {
          throw new IOException("port " + chosen + " is in use:\n" + e.getMessage());
        }
        LOG.debug("Port {} was taken before PostgreSQL could bind it; trying another", chosen);
      }
    }
  }

  private static Postmaster startOnce(Path installDir, Path data, Path log, int port,
      Map<String, String> settings, String password, RunAccount account) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Platform.program(installDir, "postgres").toString(),
        "-D", data.toString(),
        "-p", Integer.toString(port),
        "-c", "listen_addresses=" + HOST,
        "-c", "unix_socket_directories=",
        "-c", "password_encryption=scram-sha-256",
        "-c", "fsync=off",
        "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off",
        "-c", "max_connections=200"));
    settings.forEach((name, value) -> {
      command.add("-c");
      command.add(name + "=" + value);
    });
    Process process = Commands.builder(account.command(command))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    process.getOutputStream().close();
    try {
      String version = awaitReady(process, ServerAdmin.jdbcUrl(HOST, port, "postgres"), password, log);
      return new Postmaster(process, port, version);
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static String awaitReady(Process process, String url, String password, Path log) throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    SQLException last = null;
    while (true) {
      if (!process.isAlive()) {
        String tail = tail(log);
        if (tail.contains("Address already in use")) {
          throw new PortInUseException(tail);
        }
        throw new IOException("postgres exited with code " + process.exitValue() + "; log " + log + ":\n" + tail);
      }
      try (Connection c = ServerAdmin.connect(url, DataDirectory.SUPERUSER, password);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW server_version")) {
        rs.next();
        return rs.getString(1).split(" ")[0];
      } catch (SQLException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("postgres did not accept connections within " + READY_TIMEOUT.toSeconds()
            + " s (last error: " + last.getMessage() + "); log " + log + ":\n" + tail(log));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for postgres to start", e);
      }
    }
  }

  /**
   * Stops the server with a fast shutdown through pg_ctl, and kills it if that does not work.
   */
  void stop(Path installDir, Path data, RunAccount account) {
    if (process.isAlive()) {
      try {
        Commands.run(account.command(List.of(Platform.program(installDir, "pg_ctl").toString(),
            "stop", "-D", data.toString(), "-m", "fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()))),
            STOP_TIMEOUT.plusSeconds(5));
      } catch (IOException e) {
        LOG.warn("pg_ctl stop failed for the embedded PostgreSQL in {}; killing it: {}", data, e.getMessage());
      }
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  /** The last few KiB of the server log, for error messages. */
  static String tail(Path log) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** The server could not bind its port. */
  private static final class PortInUseException extends IOException {
    PortInUseException(String logTail) {
      super(logTail);
    }
  }
}
