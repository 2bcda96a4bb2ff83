package dev.pgdest.cli.internal.input;

/**
 * One input record aligned to the table's columns: a text and a {@link Token} per column, null
 * text for a missing value or a JSON null. A record may be kept: readers never reuse its texts;
 * its tokens may be shared with other records and are read-only.
 *
 * @param line the 1-based line the record starts on
 * @param texts one text per column, null where absent
 * @param tokens one token per column, null where absent
 * @param raw the line as read, for formats where a record is one line (JSON Lines), else null
 */
public record Record(long line, String[] texts, Token[] tokens, String raw) {}
