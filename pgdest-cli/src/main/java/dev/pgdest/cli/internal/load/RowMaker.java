package dev.pgdest.cli.internal.load;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.cli.FileLoad;
import dev.pgdest.cli.internal.infer.Converters;
import dev.pgdest.cli.internal.input.InputException;
import dev.pgdest.cli.internal.input.Record;
import dev.pgdest.cli.internal.input.Token;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns a record into the writer's row: each field to its column's position and Java value. A
 * value that does not fit its column's type is an {@link InputException} naming the line and the
 * column. Once rows stream, a column's type cannot widen any more (earlier batches are committed
 * with it), so a value after the sample that does not fit fails or is rejected.
 */
final class RowMaker {
  private final Schema schema;
  private final PgType[] types;
  private final Set<String> nullMarkers;
  private final int longestMarker;
  private final String sampleWords;

  RowMaker(Schema schema, FileLoad load) {
    this.schema = schema;
    this.types = schema.spec().columns().stream().map(TableSpec.Column::type).toArray(PgType[]::new);
    this.nullMarkers = load.nullMarkers();
    this.longestMarker = nullMarkers.stream().mapToInt(String::length).max().orElse(-1);
    this.sampleWords = schema.sampleRows() == Integer.MAX_VALUE ? "every row"
        : String.format("the first %,d rows", schema.sampleRows());
  }

  /** Where one input's columns go in the table; grows as a JSON Lines input meets new keys. */
  final class Mapping {
    private final String input;
    private int[] map = new int[0];

    Mapping(String input) {
      this.input = input;
    }

    int column(List<String> names, int j) {
      if (j >= map.length) {
        int old = map.length;
        map = Arrays.copyOf(map, names.size());
        for (int k = old; k < map.length; k++) {
          map[k] = schema.spec().indexOf(names.get(k));
        }
      }
      return map[j];
    }
  }

  Mapping mapping(String input) {
    return new Mapping(input);
  }

  int[] keyIndexes() {
    return schema.keyIndexes();
  }

  Object[] make(Mapping m, List<String> names, Record r) {
    Object[] row = new Object[types.length];
    String[] texts = r.texts();
    Token[] tokens = r.tokens();
    for (int j = 0; j < texts.length; j++) {
      String text = texts[j];
      if (text == null || (tokens[j] == Token.BARE && text.length() <= longestMarker && nullMarkers.contains(text))) {
        continue;
      }
      int t = m.column(names, j);
      if (t < 0) {
        throw new InputException(m.input, r.line(), "key \"" + names.get(j) + "\" first appears after the rows the "
            + "columns were taken from (" + sampleWords + "); pass --sample-rows all", r);
      }
      try {
        row[t] = Converters.convert(types[t], text, tokens[j]);
      } catch (Converters.NotConvertible e) {
        String origin = schema.given()[t] ? "as --type says"
            : "inferred from " + sampleWords + "; a type cannot widen once rows are streaming: pass --type "
                + names.get(j) + "=text, --sample-rows all or --reject skip";
        throw new InputException(m.input, r.line(), "column " + (j + 1) + " (\"" + names.get(j) + "\"): "
            + e.getMessage() + " (the column is " + types[t].sqlName() + ", " + origin + ")", r);
      }
    }
    for (int k : schema.keyIndexes()) {
      if (row[k] == null) {
        throw new InputException(m.input, r.line(), "key column \"" + schema.spec().columns().get(k).name()
            + "\" is empty", r);
      }
    }
    return row;
  }

  Object[] keyValues(Object[] row) {
    int[] keys = schema.keyIndexes();
    Object[] out = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = row[keys[i]];
    }
    return out;
  }
}
