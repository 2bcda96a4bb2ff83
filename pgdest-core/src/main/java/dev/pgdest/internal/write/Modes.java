package dev.pgdest.internal.write;

import dev.pgdest.WriteMode;

/** The {@link Mode} class of each {@link WriteMode}: a new write mode is one class and one line here. */
final class Modes {
  private Modes() {}

  /** A fresh mode object for one writer (REPLACE keeps per-writer state). */
  static Mode of(WriteMode mode) {
    switch (mode) {
      case APPEND: return new AppendMode();
      case UPSERT: return new UpsertMode();
      case REPLACE: return new ReplaceMode();
      case DELETE: return new DeleteMode();
      default: throw new IllegalArgumentException("unknown write mode " + mode);
    }
  }
}
