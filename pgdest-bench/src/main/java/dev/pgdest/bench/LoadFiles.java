package dev.pgdest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files the server-side loaders read, exported by the server from a loaded table in binary
 * COPY format: each version whole, cut into pgdest's batches and into halves, and the composite
 * rows in load order (duplicates included) and reduced to the last row per key. Not thread-safe.
 */
final class LoadFiles {
  /** Runs one SQL statement as the superuser. */
  @FunctionalInterface
  interface Admin {
    void run(String sql) throws Exception;
  }

  final Path csvA;
  final List<Path> wholeA;
  final List<Path> wholeB;
  final List<Path> batchesA = new ArrayList<>();
  final List<Path> batchesB = new ArrayList<>();
  final List<Path> halvesA = new ArrayList<>();
  final Path compositeA;
  final Path compositeB;
  final Path compositeLastA;
  private final Path dir;
  private final int rows;
  private final int batchRows;

  LoadFiles(Path dir, int rows, int batchRows) {
    this.dir = dir;
    this.rows = rows;
    this.batchRows = batchRows;
    this.csvA = dir.resolve("a.csv");
    this.wholeA = List.of(dir.resolve("a.bin"));
    this.wholeB = List.of(dir.resolve("b.bin"));
    this.compositeA = dir.resolve("ca.bin");
    this.compositeB = dir.resolve("cb.bin");
    this.compositeLastA = dir.resolve("ca-last.bin");
  }

  /** Exports version {@code v} ("a" or "b") from {@code bench.t}, which holds it. */
  void export(String v, Admin admin) throws Exception {
    String t = "bench.t";
    export(admin, "SELECT * FROM " + t + " ORDER BY id", dir.resolve(v + ".bin"));
    List<Path> batches = v.equals("a") ? batchesA : batchesB;
    for (int from = 0; from < rows; from += batchRows) {
      Path f = dir.resolve(v + "-" + from + ".bin");
      export(admin, "SELECT * FROM " + t + " WHERE id > " + from + " AND id <= " + (from + batchRows) + " ORDER BY id",
          f);
      batches.add(f);
    }
    if (v.equals("a")) {
      int half = rows / 2;
      for (String range : List.of("id <= " + half, "id > " + half)) {
        Path f = dir.resolve(v + "-half" + halvesA.size() + ".bin");
        export(admin, "SELECT * FROM " + t + " WHERE " + range + " ORDER BY id", f);
        halvesA.add(f);
      }
    }
  }

  /** Exports composite version {@code v} from {@code source}, a keyless table with the load position in seq. */
  void exportComposite(String v, String source, Admin admin) throws Exception {
    String cols = String.join(", ", CompositeRows.KEY) + ", " + String.join(", ", CompositeRows.VALUES);
    export(admin, "SELECT " + cols + " FROM " + source + " ORDER BY seq", v.equals("a") ? compositeA : compositeB);
    if (v.equals("a")) {
      String key = String.join(", ", CompositeRows.KEY);
      export(admin, "SELECT DISTINCT ON (" + key + ") " + cols + " FROM " + source + " ORDER BY " + key + ", seq DESC",
          compositeLastA);
    }
  }

  private static void export(Admin admin, String query, Path file) throws Exception {
    Files.deleteIfExists(file);
    admin.run("COPY (" + query + ") TO " + Scripts.literal(file) + " (FORMAT binary)");
  }
}
