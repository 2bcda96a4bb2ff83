package dev.pgdest.cli.internal.input;

/**
 * One input record aligned to the table's columns: a text and a {@link Token} per column, null
 * text for a missing value or a JSON null. A record may be kept: readers never reuse its texts;
 * its tokens may be shared with other records and are read-only.
 *
 * @param line the 1-based line the record starts on
 * @param texts one text per column, null where absent
 * @param tokens one token per column, null where absent
 */
public record Record(long line, String[] texts, Token[] tokens) {}
