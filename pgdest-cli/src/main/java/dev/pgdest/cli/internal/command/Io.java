package dev.pgdest.cli.internal.command;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a command may touch of the world: its streams, environment and terminal. The command line
 * uses the process's; tests pass their own, so that nothing reaches the console.
 *
 * @param out the standard output (reports, summaries)
 * @param err the standard error (progress, warnings, errors)
 * @param in the standard input ({@code -} as a file)
 * @param env the environment variables
 * @param terminal whether a person is watching a terminal (progress bar, password prompt)
 * @param console the console to prompt on, or null
 */
public record Io(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, boolean terminal,
    Console console) {

  /** The process's streams, environment and console. */
  public static Io system() {
    Console console = System.console();
    return new Io(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.in, System.getenv(), console != null,
        console);
  }
}
