package dev.pgdest.cli.internal.command;

import dev.pgdest.ConfigurationException;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.WriteMode;
import dev.pgdest.cli.FileLoad;
import dev.pgdest.cli.LoadException;
import dev.pgdest.cli.LoadSummary;
import dev.pgdest.cli.internal.load.Loader;
import dev.pgdest.cli.internal.load.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgdest load}: CSV, TSV and JSON Lines files into a table. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Load CSV, TSV or JSON Lines files (gzip'd or not; - for standard input) into a table, "
        + "inferring column types from the first rows.",
    footer = {"", "A value after the sampled rows that does not fit its column's type stops the load (naming line "
        + "and column) or, under --reject skip, goes to the rejects file: a column cannot widen once rows stream.",
        "Exit codes: 0 loaded, 1 loaded with warnings (rows rejected, keys collapsed), 2 failed."})
final class LoadCommand implements Callable<Integer> {
  private final Io io;
  private final Defaults defaults;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Input files; - reads standard input.")
  List<String> files;

  @Option(names = {"-t", "--table"}, required = true, description = "Target table (created when missing).")
  String table;

  @Option(names = "--mode", defaultValue = "append", description = "append (default), upsert, replace or delete.")
  String mode;

  @Option(names = "--key", split = ",", paramLabel = "COL", description = "Key columns (the primary key); "
      + "needed by upsert and delete.")
  List<String> keys = new ArrayList<>();

  @Option(names = "--null", paramLabel = "MARKERS", description = "Comma-separated unquoted texts that mean NULL "
      + "in CSV/TSV, e.g. NA,\"\" (default: the empty field).")
  String nulls;

  @Option(names = "--type", paramLabel = "COL=TYPE", description = "Column type instead of inferring it, e.g. "
      + "zip=text, amount=numeric(12,2). Repeatable.")
  Map<String, String> types = Map.of();

  @Option(names = "--sample-rows", paramLabel = "N|all", defaultValue = "10000",
      description = "Rows per input to infer types from (default ${DEFAULT-VALUE}); all reads files twice.")
  String sampleRows;

  @Option(names = "--format", description = "csv, tsv or jsonl (default: by file name, then by content).")
  String format;

  @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV field separator, e.g. ';'.")
  Character delimiter;

  @Option(names = "--reject", defaultValue = "fail", description = "fail (default): a bad row stops the load; "
      + "skip: bad rows go to the rejects file and the rest loads.")
  String reject;

  @Option(names = "--rejects-file", paramLabel = "FILE",
      description = "Where --reject skip writes rejected rows (default TABLE.rejects.csv).")
  Path rejectsFile;

  @Option(names = "--progress", defaultValue = "auto",
      description = "auto (a bar on a terminal, else log lines), bar, lines or none.")
  String progress;

  @Mixin
  ConnectionOptions connection;

  LoadCommand(Io io, Defaults defaults) {
    this.io = io;
    this.defaults = defaults;
  }

  @Override
  public Integer call() {
    FileLoad load;
    DestinationConfig config;
    try {
      load = load();
      config = connection.build(io, defaults);
    } catch (IllegalArgumentException | ConfigurationException e) {
      io.err().println("pgdest load: " + e.getMessage());
      return 2;
    }
    try (Destination dest = Destination.open(config)) {
      LoadSummary summary = new Loader(load, io.in(), progress()).run(dest);
      io.out().print(summary.render());
      return summary.hasWarnings() ? 1 : 0;
    } catch (LoadException | ConfigurationException e) {
      io.err().println("pgdest load: " + e.getMessage());
      return 2;
    }
  }

  private FileLoad load() {
    FileLoad.Builder b = FileLoad.builder(table).files(files.toArray(String[]::new)).keys(keys.toArray(String[]::new));
    try {
      b.mode(WriteMode.valueOf(mode.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--mode must be append, upsert, replace or delete: \"" + mode + "\"");
    }
    if (nulls != null) {
      b.nullMarkers(markers(nulls));
    }
    types.forEach(b::type);
    if (sampleRows.equalsIgnoreCase("all")) {
      if (files.contains("-")) {
        throw new IllegalArgumentException("--sample-rows all reads the inputs twice, which standard input cannot be");
      }
      b.sampleRows(Integer.MAX_VALUE);
    } else {
      try {
        b.sampleRows(Integer.parseInt(sampleRows));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--sample-rows must be a number or all: \"" + sampleRows + "\"");
      }
    }
    if (format != null) {
      b.format(format);
    }
    if (delimiter != null) {
      b.delimiter(delimiter);
    }
    switch (reject.toLowerCase(Locale.ROOT)) {
      case "skip" -> b.rejectInto(rejectsFile != null ? rejectsFile : Path.of(table + ".rejects.csv"));
      case "fail" -> { }
      default -> throw new IllegalArgumentException("--reject must be fail or skip: \"" + reject + "\"");
    }
    return b.build();
  }

  /** {@code NA,""} as the shell passes it ({@code NA,} or {@code NA,""}): quotes around an item are dropped. */
  static String[] markers(String value) {
    String[] parts = value.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("'") && p.endsWith("'"))) {
        parts[i] = p.substring(1, p.length() - 1);
      }
    }
    return parts;
  }

  private Progress progress() {
    return switch (progress.toLowerCase(Locale.ROOT)) {
      case "none" -> Progress.NONE;
      case "bar" -> new ProgressPrinter(io.err(), true);
      case "lines" -> new ProgressPrinter(io.err(), false);
      default -> new ProgressPrinter(io.err(), io.terminal());
    };
  }
}
