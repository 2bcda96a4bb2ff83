package dev.pgdest.examples;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.SslMode;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a CSV file (with a header line; every column text) or a JSON Lines file (one object per
 * line; column types taken from the first line: integers become bigint, other numbers numeric,
 * booleans boolean, strings text, objects and arrays jsonb) into a table.
 *
 * <pre>
 * PGDEST_HOST=db.example.com PGDEST_DATABASE=analytics PGDEST_SCHEMA=acme PGDEST_USER=writer PGDEST_PASSWORD=... \
 *   java dev.pgdest.examples.FileLoader users.jsonl users UPSERT id
 * </pre>
 *
 * Arguments: file, table, mode (APPEND, UPSERT, REPLACE, DELETE), then key columns, comma-separated.
 * PGDEST_PORT (default 5432) and PGDEST_SSLMODE (default verify-full) are optional.
 */
public final class FileLoader {
  private FileLoader() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: FileLoader <file.csv|file.jsonl> <table> <APPEND|UPSERT|REPLACE|DELETE> [key,key...]");
      System.exit(2);
    }
    List<String> keys = args.length > 3 ? Arrays.asList(args[3].split(",")) : List.of();
    DestinationConfig.Builder config = DestinationConfig.builder()
        .host(env("PGDEST_HOST")).port(Integer.parseInt(System.getenv().getOrDefault("PGDEST_PORT", "5432")))
        .database(env("PGDEST_DATABASE")).schema(env("PGDEST_SCHEMA")).username(env("PGDEST_USER"));
    if (System.getenv("PGDEST_PASSWORD") != null) {
      config.password(System.getenv("PGDEST_PASSWORD"));
    }
    if (System.getenv("PGDEST_SSLMODE") != null) {
      config.sslMode(SslMode.valueOf(System.getenv("PGDEST_SSLMODE").toUpperCase().replace('-', '_')));
    }
    try (Destination dest = Destination.open(config.build())) {
      WriteResult r = load(dest, Path.of(args[0]), args[1], WriteMode.valueOf(args[2].toUpperCase()), keys);
      System.out.printf("%,d rows: %,d inserted, %,d updated, %,d deleted in %s%n", r.rowsStaged(), r.rowsInserted(),
          r.rowsUpdated(), r.rowsDeleted(), r.totalTime());
    }
  }

  private static String env(String name) {
    String v = System.getenv(name);
    if (v == null) {
      throw new IllegalArgumentException("set the environment variable " + name);
    }
    return v;
  }

  /** Loads a {@code .csv} or a JSON Lines file into {@code table}. */
  public static WriteResult load(Destination dest, Path file, String table, WriteMode mode, List<String> keys)
      throws IOException {
    boolean csv = file.getFileName().toString().toLowerCase().endsWith(".csv");
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null) {
        throw new IllegalArgumentException(file + " is empty");
      }
      TableSpec.Builder spec = TableSpec.builder(table);
      List<String> columns;
      Map<String, Object> firstRow = null;
      if (csv) {
        columns = Csv.parse(first, in);
        columns.forEach(c -> spec.column(c, PgType.TEXT));
      } else {
        firstRow = JsonLine.parse(first);
        columns = new ArrayList<>(firstRow.keySet());
        for (Map.Entry<String, Object> e : firstRow.entrySet()) {
          spec.column(e.getKey(), JsonLine.typeOf(e.getValue()));
        }
      }
      spec.primaryKey(keys.toArray(String[]::new));
      try (TableWriter w = dest.writer(spec.build(), mode)) {
        if (csv) {
          for (List<String> row = Csv.parse(in.readLine(), in); row != null; row = Csv.parse(in.readLine(), in)) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size() && i < row.size(); i++) {
              values.put(columns.get(i), row.get(i));
            }
            w.write(values);
          }
        } else {
          w.write(firstRow);
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
              w.write(JsonLine.parse(line));
            }
          }
        }
        return w.commit();
      }
    }
  }
}
