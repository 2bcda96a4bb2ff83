package dev.pgdest.cli;

import dev.pgdest.TableSpec;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.cli.internal.load.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link FileLoad} did: the table's columns and where their types came from, rows read,
 * rejected and collapsed onto a repeated key, and the writer's {@link WriteResult}. Immutable.
 *
 * <pre>{@code
 * LoadSummary s = load.run(destination);
 * if (s.hasWarnings()) System.err.println(s.render());
 * }</pre>
 *
 * @param table the table, as named
 * @param mode the write mode
 * @param keys the key columns
 * @param columns the table's columns with the types used
 * @param notes what was renamed, inferred or worth a second look, one sentence each
 * @param rowsRead rows read from the inputs, rejected ones included
 * @param rowsRejected rows set aside in the rejects file
 * @param rejectsFile the rejects file, when rows were rejected
 * @param distinctKeys distinct keys among the loaded rows (UPSERT and REPLACE with keys), else 0
 * @param rowsCollapsed rows that repeated a key of an earlier row: the last one of a key wins
 * @param collapseExamples the most repeated keys, as "line N (x times)", no values
 * @param bytesRead bytes read from the inputs (compressed size for gzip)
 * @param result the writer's totals
 * @param elapsed the whole load, reading included
 */
public record LoadSummary(
    String table, WriteMode mode, List<String> keys, List<TableSpec.Column> columns, List<String> notes,
    long rowsRead, long rowsRejected, Optional<Path> rejectsFile, long distinctKeys, long rowsCollapsed,
    List<String> collapseExamples, long bytesRead, WriteResult result, Duration elapsed) {

  /** Whether rows were rejected or collapsed: the table holds fewer rows than the inputs. */
  public boolean hasWarnings() {
    return rowsRejected > 0 || rowsCollapsed > 0;
  }

  /** A readable multi-line summary. */
  public String render() {
    StringBuilder out = new StringBuilder();
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    String verb = mode == WriteMode.DELETE ? "Applied %,d keys to delete to" : "Loaded %,d rows into";
    out.append(String.format(verb + " \"%s\" (%s%s) in %s: %,.0f rows/s, %s/s%n", rowsRead - rowsRejected,
        table, mode, keys.isEmpty() ? "" : " on " + String.join(", ", keys), Durations.human(elapsed),
        rowsRead / seconds, Durations.bytes((long) (bytesRead / seconds))));
    switch (mode) {
      case DELETE -> out.append(String.format("  %,d deleted%n", result.rowsDeleted()));
      case REPLACE -> out.append(String.format("  %,d rows now in the table, %,d replaced%n", result.rowsInserted(),
          result.rowsDeleted()));
      case UPSERT -> out.append(String.format("  %,d inserted, %,d updated, %,d unchanged%n", result.rowsInserted(),
          result.rowsUpdated(), Math.max(0, distinctKeys - result.rowsInserted() - result.rowsUpdated())));
      default -> out.append(String.format("  %,d inserted%n", result.rowsInserted()));
    }
    if (rowsCollapsed > 0) {
      out.append(String.format("  WARNING: %,d rows repeated the key of an earlier row and collapsed onto it (the last "
          + "one wins): %,d rows, %,d distinct keys. Most repeated: the keys first seen on %s%n", rowsCollapsed,
          rowsRead - rowsRejected, distinctKeys, String.join(", ", collapseExamples)));
    }
    if (rowsRejected > 0) {
      out.append(String.format("  WARNING: %,d rows rejected, written to %s%n", rowsRejected,
          rejectsFile.map(Path::toString).orElse("?")));
    }
    out.append("  columns: ");
    for (int i = 0; i < columns.size(); i++) {
      TableSpec.Column c = columns.get(i);
      out.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(c.type().sqlName());
    }
    out.append('\n');
    notes.forEach(n -> out.append("  note: ").append(n).append('\n'));
    out.append(String.format("  time: %s writing (%s copy, %s merge, %s commit), %d batches, %s sent%n",
        Durations.human(result.totalTime()), Durations.human(result.copyTime()), Durations.human(result.mergeTime()),
        Durations.human(result.commitTime()), result.batches(), Durations.bytes(result.bytesSent())));
    return out.toString();
  }
}
