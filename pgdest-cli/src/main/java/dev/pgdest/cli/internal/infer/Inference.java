package dev.pgdest.cli.internal.infer;

import dev.pgdest.PgType;
import dev.pgdest.cli.internal.input.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Infers each column's type from the sampled values: the narrowest type all of them fit, widening
 * across rows (integer to bigint to numeric to text; date to timestamp; anything to text). Also
 * notices words such as {@code NA} that alone keep an otherwise numeric or date column text, to
 * suggest {@code --null}. Not thread-safe.
 */
public final class Inference {
  private static final Set<String> NULL_LIKE =
      Set.of("NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "none", "nil", "-", "?", "#N/A");

  private final List<Integer> masks = new ArrayList<>();
  private final List<Long> values = new ArrayList<>();
  private final List<Map<String, Long>> nullLike = new ArrayList<>();
  private final List<Integer> masksWithoutNullLike = new ArrayList<>();

  /** Takes one sampled value of column {@code i} (null values are ignored). */
  public void accept(int i, String text, Token token) {
    while (masks.size() <= i) {
      masks.add(Candidates.ALL);
      values.add(0L);
      nullLike.add(new HashMap<>());
      masksWithoutNullLike.add(Candidates.ALL);
    }
    if (text == null) {
      return;
    }
    int fits = Candidates.of(text, token);
    masks.set(i, masks.get(i) & fits);
    values.set(i, values.get(i) + 1);
    if ((token == Token.BARE || token == Token.QUOTED) && NULL_LIKE.contains(text.strip())) {
      nullLike.get(i).merge(text.strip(), 1L, Long::sum);
    } else {
      masksWithoutNullLike.set(i, masksWithoutNullLike.get(i) & fits);
    }
  }

  /** The inferred type of column {@code i}: text when no value was seen. */
  public PgType type(int i) {
    return i < masks.size() && values.get(i) > 0 ? Candidates.narrowest(masks.get(i)) : PgType.TEXT;
  }

  /**
   * A hint when column {@code i} is text only because of null-like words, e.g. {@code column
   * "age" would be integer but for 12 × "NA": pass --null NA,"" to load them as NULL}; else null.
   */
  public String nullHint(int i, String column) {
    if (i >= masks.size() || nullLike.get(i).isEmpty() || type(i) != PgType.TEXT) {
      return null;
    }
    PgType without = Candidates.narrowest(masksWithoutNullLike.get(i));
    if (without == PgType.TEXT || values.get(i) == nullLike.get(i).values().stream().mapToLong(Long::longValue).sum()) {
      return null;
    }
    Map<String, Long> words = new TreeMap<>(nullLike.get(i));
    StringBuilder list = new StringBuilder();
    words.forEach((w, n) -> list.append(list.length() == 0 ? "" : ", ").append(n).append(" x \"").append(w).append('"'));
    return "column \"" + column + "\" would be " + without.sqlName() + " but for " + list + " in the sample: pass --null "
        + String.join(",", words.keySet()) + ",\"\" to load them as NULL";
  }
}
