package dev.pgdest.testkit.internal.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs short-lived commands (initdb, pg_ctl, id) to completion and captures their output. */
final class Commands {

  private Commands() {}

  /** A process builder whose environment carries no libpq variables (PGDATA, PGPORT, ...). */
  static ProcessBuilder builder(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("LC_ALL", "C");
    return pb;
  }

  /** Runs {@code command}; returns its combined output, or throws with that output on failure. */
  static String run(List<String> command, Duration timeout) throws IOException {
    Process process = builder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
      }
      String text = output.get(10, TimeUnit.SECONDS);
      if (process.exitValue() != 0) {
        throw new IOException("exit code " + process.exitValue() + " from " + String.join(" ", command)
            + ":\n" + text.strip());
      }
      return text;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("could not read the output of " + command.get(0), e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
