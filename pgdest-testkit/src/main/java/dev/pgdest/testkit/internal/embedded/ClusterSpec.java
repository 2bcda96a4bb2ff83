package dev.pgdest.testkit.internal.embedded;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to start: major version, port, extra server settings, extra {@code pg_hba.conf} lines and
 * files to place in the data directory. Validated on construction; the static {@code check*}
 * methods let a builder fail at the offending call.
 *
 * <p>Immutable and thread-safe (the data files' bytes are not copied again here; the builder owns
 * the copies).
 *
 * <p>{@code new ClusterSpec(17, 0, Map.of("work_mem", "8MB"), List.of(), List.of())}
 */
public record ClusterSpec(
    int majorVersion, int port, Map<String, String> settings, List<String> hbaLines, List<DataFile> dataFiles) {

  /** The major version started when none is chosen. */
  public static final int DEFAULT_MAJOR = PgVersions.DEFAULT_MAJOR;

  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  private static final Pattern DATA_FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  /** Settings the server itself depends on; they have dedicated builder methods or are fixed. */
  private static final Set<String> RESERVED_SETTINGS = Set.of(
      "port", "listen_addresses", "data_directory", "config_file", "hba_file", "ident_file");

  /** Validates every part and copies the collections. */
  public ClusterSpec {
    checkMajor(majorVersion);
    checkPort(port);
    settings.forEach(ClusterSpec::checkSetting);
    hbaLines.forEach(ClusterSpec::checkHbaLine);
    dataFiles.forEach(f -> checkDataFileName(f.name()));
    settings = Map.copyOf(settings);
    hbaLines = List.copyOf(hbaLines);
    dataFiles = List.copyOf(dataFiles);
  }

  /** A file written into the data directory before the server starts. */
  public record DataFile(String name, byte[] content, boolean privateKey) {}

  /** Majors 12 to 18 are supported. */
  public static void checkMajor(int major) {
    PgVersions.checkMajor(major);
  }

  /** 0 picks a free port. */
  public static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535 (0 picks a free port): " + port);
    }
  }

  /** A setting name as PostgreSQL spells it; some settings are managed by the server itself. */
  public static void checkSetting(String name, String value) {
    if (name == null || !SETTING_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("setting name must match " + SETTING_NAME + ": " + name);
    }
    if (RESERVED_SETTINGS.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("setting " + name + " is managed by the embedded server"
          + (name.equalsIgnoreCase("port") ? "; use port(int)" : "") + ": " + RESERVED_SETTINGS);
    }
    if (value == null || value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("setting " + name + " needs a value without NUL or line breaks");
    }
  }

  /** One line of {@code pg_hba.conf}. */
  public static void checkHbaLine(String line) {
    if (line == null || line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("hbaLine must be one non-blank line: " + line);
    }
  }

  /** A plain file name, not one of PostgreSQL's own files. */
  public static void checkDataFileName(String name) {
    if (name == null || !DATA_FILE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "dataFile name must be a plain file name matching " + DATA_FILE_NAME + ": " + name);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("pg_") || lower.startsWith("postgresql.") || lower.startsWith("postmaster.")
        || lower.equals("base") || lower.equals("global")) {
      throw new IllegalArgumentException("dataFile name must not replace PostgreSQL's own files: " + name);
    }
  }
}
