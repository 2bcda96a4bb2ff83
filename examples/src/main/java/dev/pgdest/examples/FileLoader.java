package dev.pgdest.examples;

import dev.pgdest.Destination;
import dev.pgdest.WriteMode;
import dev.pgdest.cli.FileLoad;
import dev.pgdest.cli.LoadSummary;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a CSV, TSV or JSON Lines file into a table from Java with the {@code pgdest} command's
 * loader ({@link FileLoad}): types inferred from the first rows, BOMs, null markers, gzip, ragged
 * rows named by line. From a shell, {@code pgdest load FILE --table T} does the same (see the
 * README's "Command line").
 *
 * <pre>{@code
 * LoadSummary s = FileLoader.load(destination, Path.of("users.csv"), "users", WriteMode.UPSERT, List.of("id"));
 * }</pre>
 */
public final class FileLoader {
  private FileLoader() {}

  /** Loads {@code file} into {@code table}; UPSERT and DELETE need {@code keys}. */
  public static LoadSummary load(Destination dest, Path file, String table, WriteMode mode, List<String> keys) {
    return FileLoad.builder(table).files(file.toString()).mode(mode).keys(keys.toArray(String[]::new)).build().run(dest);
  }
}
