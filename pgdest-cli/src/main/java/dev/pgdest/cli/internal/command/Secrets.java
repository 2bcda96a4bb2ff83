package dev.pgdest.cli.internal.command;

import dev.pgdest.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where secrets come from, in order: a file, the command line (with a warning: it lands in shell
 * history and process listings), an environment variable, the {@code --config} file, then a
 * prompt when a person is at a terminal. Messages name the source, never the secret.
 */
final class Secrets {
  private final Io io;
  private final Defaults defaults;

  Secrets(Io io, Defaults defaults) {
    this.io = io;
    this.defaults = defaults;
  }

  Optional<String> password(Path file, String argument, String envName, String user) {
    if (file != null) {
      return Optional.of(read(file, "--password-file"));
    }
    if (argument != null) {
      io.err().println("pgdest: WARNING: a password given with --password lands in shell history and process "
          + "listings; prefer --password-file, the environment variable PGDEST_PASSWORD or the prompt");
      return Optional.of(argument);
    }
    String env = io.env().get(envName);
    if (env != null) {
      return Optional.of(env);
    }
    String fromFile = defaults.fileValue("password");
    if (fromFile != null) {
      return Optional.of(fromFile);
    }
    if (io.terminal() && io.console() != null) {
      char[] typed = io.console().readPassword("Password for user %s: ", user);
      return typed == null ? Optional.empty() : Optional.of(new String(typed));
    }
    return Optional.empty();
  }

  Optional<String> fromFileOrEnv(Path file, String envName) {
    if (file != null) {
      return Optional.of(read(file, file.toString()));
    }
    return Optional.ofNullable(io.env().get(envName));
  }

  /** A file's text without its final line break. */
  static String read(Path file, String what) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      if (s.endsWith("\r\n")) {
        return s.substring(0, s.length() - 2);
      }
      return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } catch (IOException e) {
      throw new ConfigurationException("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName());
    }
  }
}
