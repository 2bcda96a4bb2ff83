package dev.pgdest.cli.internal.load;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.WriteMode;
import dev.pgdest.cli.FileLoad;
import dev.pgdest.cli.LoadException;
import java.util.ArrayList;
import java.util.List;

/**
 * The table a load writes: a column per input column with its type (given by {@code --type} or
 * inferred from the sample) and the key, plus the notes that explain the choices.
 *
 * @param spec the table spec
 * @param given per column, whether its type was given rather than inferred
 * @param keyIndexes positions of the key columns in the spec
 * @param notes header renames, inference hints
 * @param sampleRows rows per input that types were inferred from
 * @param countsKeys whether repeated keys are counted (UPSERT, and REPLACE with a key)
 */
record Schema(TableSpec spec, boolean[] given, int[] keyIndexes, List<String> notes, int sampleRows,
    boolean countsKeys) {

  static Schema of(FileLoad load, Sampler sampler) {
    List<String> names = new ArrayList<>(sampler.columns.keySet());
    if (names.isEmpty()) {
      throw new LoadException("the inputs have no columns", 0, null);
    }
    for (String c : load.types().keySet()) {
      if (!names.contains(c)) {
        throw new LoadException("--type names column \"" + c + "\", which is not in the input; its columns are "
            + names, 0, null);
      }
    }
    for (String k : load.keys()) {
      if (!names.contains(k)) {
        throw new LoadException("--key names column \"" + k + "\", which is not in the input; its columns are "
            + names, 0, null);
      }
    }
    List<String> notes = new ArrayList<>(sampler.notes);
    TableSpec.Builder b = TableSpec.builder(load.table());
    boolean[] given = new boolean[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      PgType t = load.types().get(name);
      given[i] = t != null;
      if (t == null) {
        t = sampler.inference.type(i);
        String hint = sampler.inference.nullHint(i, name);
        if (hint != null) {
          notes.add(hint);
        }
      }
      b.column(name, t);
    }
    b.primaryKey(load.keys().toArray(String[]::new));
    TableSpec spec;
    try {
      spec = b.build();
    } catch (IllegalArgumentException e) {
      throw new LoadException(e.getMessage(), 0, e);
    }
    int[] keyIndexes = load.keys().stream().mapToInt(spec::indexOf).toArray();
    notes.add(0, "types inferred from " + (load.sampleRows() == Integer.MAX_VALUE ? "every row"
        : String.format("the first %,d rows", load.sampleRows())) + (load.files().size() > 1 ? " of each input" : ""));
    boolean counts = load.mode() == WriteMode.UPSERT || (load.mode() == WriteMode.REPLACE && !load.keys().isEmpty());
    return new Schema(spec, given, keyIndexes, notes, load.sampleRows(), counts);
  }
}
