package dev.pgdest.cli.internal.command;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Where an option not given on the command line takes its value: the environment variable
 * {@code PGDEST_<NAME>} ({@code --ssh-key-file} reads {@code PGDEST_SSH_KEY_FILE}), then the
 * properties file of {@code --config} (key {@code ssh-key-file}). Only the connection options
 * ({@link ConnectionOptions#KEYS}) are read so; secrets have their own rules (see {@link
 * ConnectionOptions}).
 */
final class Defaults implements CommandLine.IDefaultValueProvider {
  private final Map<String, String> env;
  private final Properties file;

  private Defaults(Map<String, String> env, Properties file) {
    this.env = env;
    this.file = file;
  }

  /**
   * Defaults from {@code env} and the {@code --config} file named in {@code args} (or PGDEST_CONFIG).
   *
   * @throws IllegalArgumentException when the file cannot be read
   */
  static Defaults of(String[] args, Map<String, String> env) {
    String config = env.get("PGDEST_CONFIG");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        config = args[i + 1];
      } else if (args[i].startsWith("--config=")) {
        config = args[i].substring("--config=".length());
      }
    }
    Properties p = new Properties();
    if (config != null) {
      try (Reader r = Files.newBufferedReader(Path.of(config), StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the --config file " + config + ": "
            + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName()), e);
      }
    }
    return new Defaults(env, p);
  }

  /** The properties file's value for {@code key}, or null. */
  String fileValue(String key) {
    return file.getProperty(key);
  }

  @Override
  public String defaultValue(CommandLine.Model.ArgSpec arg) {
    if (!(arg instanceof CommandLine.Model.OptionSpec o) || !o.longestName().startsWith("--")) {
      return null;
    }
    String key = o.longestName().substring(2);
    if (!ConnectionOptions.KEYS.contains(key)) {
      return null;
    }
    String fromEnv = env.get("PGDEST_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
    return fromEnv != null ? fromEnv : file.getProperty(key);
  }
}
