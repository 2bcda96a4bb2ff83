package dev.pgdest.cli.internal.load;

import dev.pgdest.cli.internal.infer.Inference;
import dev.pgdest.cli.internal.input.Format;
import dev.pgdest.cli.internal.input.Input;
import dev.pgdest.cli.internal.input.InputException;
import dev.pgdest.cli.internal.input.Readers;
import dev.pgdest.cli.internal.input.Record;
import dev.pgdest.cli.internal.input.RecordReader;
import dev.pgdest.cli.internal.input.Token;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the first rows of every input to find the table's columns (the union of the inputs'
 * headers or keys, in order of appearance) and to infer their types. Files are read again for
 * the load; standard input cannot be, so its sampled records are kept (bounded by the sample size)
 * with its reader, to be loaded first. Not thread-safe.
 */
final class Sampler {
  final Map<String, Integer> columns = new LinkedHashMap<>();
  final Inference inference = new Inference();
  final List<String> notes = new ArrayList<>();
  /** Standard input's reader, open after its sample, and the sampled records (or their failures). */
  RecordReader heldReader;
  final List<Object> held = new ArrayList<>();

  void sample(List<Input> inputs, Format format, Character delimiter, int rows, Set<String> nullMarkers)
      throws IOException {
    for (Input input : inputs) {
      Readers.Opened opened = Readers.open(input, format, delimiter);
      RecordReader reader = opened.reader();
      boolean keep = input.isStdin();
      try {
        for (int n = 0; n < rows; n++) {
          Record r;
          try {
            r = reader.next();
          } catch (InputException e) {
            if (keep) {
              held.add(e);
            }
            continue;
          }
          if (r == null) {
            break;
          }
          if (keep) {
            held.add(r);
          }
          accept(reader.columns(), r, nullMarkers);
        }
        reader.columns().forEach(c -> columns.putIfAbsent(c, columns.size()));
        String prefix = inputs.size() > 1 ? input.name() + ": " : "";
        reader.notes().forEach(n -> notes.add(prefix + n));
      } finally {
        if (keep) {
          heldReader = reader;
        } else {
          reader.close();
        }
      }
    }
  }

  private void accept(List<String> names, Record r, Set<String> nullMarkers) {
    String[] texts = r.texts();
    Token[] tokens = r.tokens();
    for (int j = 0; j < texts.length; j++) {
      String name = names.get(j);
      Integer t = columns.get(name);
      if (t == null) {
        t = columns.size();
        columns.put(name, t);
      }
      String text = texts[j];
      if (text != null && !(tokens[j] == Token.BARE && nullMarkers.contains(text))) {
        inference.accept(t, text, tokens[j]);
      }
    }
  }
}
