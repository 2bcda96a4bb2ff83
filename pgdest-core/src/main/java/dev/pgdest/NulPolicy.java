package dev.pgdest;

/**
 * What to do with characters PostgreSQL cannot store in {@code text} or {@code json}: the NUL
 * character (U+0000, also as the JSON escape {@code \u0000}) and unpaired UTF-16 surrogates.
 * Every change made is counted in {@link WriteResult#valuesSanitized()}.
 */
public enum NulPolicy {
  /** Remove the character. The default: a sync should not stop on a stray byte. */
  STRIP,
  /** Replace it with U+FFFD, the Unicode replacement character. */
  REPLACE,
  /** Reject the row with a {@link DataException} naming table, column and row. */
  FAIL
}
