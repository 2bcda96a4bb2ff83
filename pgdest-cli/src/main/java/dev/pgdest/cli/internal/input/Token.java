package dev.pgdest.cli.internal.input;

/** What a field's text is, as the input format says: it decides which types it may become. */
public enum Token {
  /** An unquoted CSV or TSV field: null markers apply, any type may fit. */
  BARE,
  /** A quoted CSV or TSV field: never a null marker, any type may fit. */
  QUOTED,
  /** A JSON string: only dates, timestamps, uuids and text fit (a JSON string "12" stays text). */
  JSON_STRING,
  /** A JSON number, its text as written. */
  JSON_NUMBER,
  /** A JSON {@code true} or {@code false}. */
  JSON_BOOLEAN,
  /** A JSON object or array, its text re-serialized compactly. */
  JSON_STRUCTURE
}
