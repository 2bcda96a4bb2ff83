package dev.pgdest.cli.internal.input;

import java.util.Locale;

/** The input formats {@code pgdest load} reads. */
public enum Format {
  /** Comma-separated values with a header line (RFC 4180 quoting). */
  CSV,
  /** Tab-separated values with a header line; double quotes quote as in CSV. */
  TSV,
  /** One JSON object per line. */
  JSONL;

  /**
   * The format a file name says, looking through {@code .gz}: {@code .csv}, {@code .tsv} or {@code
   * .tab}, {@code .jsonl}, {@code .ndjson} or {@code .json}; null when the name says nothing.
   */
  public static Format ofFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".csv")) {
      return CSV;
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return TSV;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return JSONL;
    }
    return null;
  }

  /** The format the first line of the content suggests: JSON Lines if it starts with '{', else CSV or TSV. */
  public static Format sniff(String firstLine) {
    String t = firstLine.strip();
    if (t.startsWith("{")) {
      return JSONL;
    }
    long tabs = t.chars().filter(c -> c == '\t').count();
    long commas = t.chars().filter(c -> c == ',').count();
    return tabs > commas ? TSV : CSV;
  }
}
