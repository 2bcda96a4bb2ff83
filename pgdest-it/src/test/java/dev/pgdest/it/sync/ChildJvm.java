package dev.pgdest.it.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code main} class run in a JVM of its own on the test class path, whose output lines can be
 * awaited and which can be killed with SIGKILL ({@link Process#destroyForcibly()} on Linux): a
 * crash the code under test gets no chance to clean up after.
 */
final class ChildJvm implements AutoCloseable {
  private static final String EOF = "\u0000eof";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "test-child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code main} with {@code args}, the environment variable PGDEST_PASSWORD set to {@code password}. */
  static ChildJvm start(Class<?> main, String password, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PGDEST_PASSWORD", password);
    return new ChildJvm(pb.start());
  }

  /**
   * Waits for the next output line that starts with {@code prefix}, skipping others.
   *
   * @throws AssertionError when the child ends or {@code timeout} passes first
   */
  String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (;;) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        if (line != null) {
          lines.add(EOF);
        }
        throw new AssertionError((line == null ? "timed out" : "child ended") + " waiting for \"" + prefix
            + "\"; its output:\n" + output());
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** SIGKILL, and waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("child survived SIGKILL for 30 s");
    }
  }

  /** Waits for a normal end and returns the exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child still running after " + timeout + "; its output:\n" + output());
    }
    return process.exitValue();
  }

  synchronized String output() {
    return String.join("\n", output);
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (this) {
          output.add(line);
        }
        lines.add(line);
      }
    } catch (IOException ignored) {
      // the child was killed mid-line
    } finally {
      lines.add(EOF);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
