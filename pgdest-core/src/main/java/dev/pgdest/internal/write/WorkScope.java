package dev.pgdest.internal.write;

/**
 * Brackets the parts of a writer's work that reach the server or log (opening a batch, landing
 * it, a failure), so that a caller can set a logging context for them without paying for it on
 * every row that only joins the open batch.
 */
@FunctionalInterface
public interface WorkScope {
  /** No context. */
  WorkScope NONE = () -> () -> { };

  /** Enters the scope; closing what it returns leaves it and restores what was there before. */
  Entered enter();

  /** An entered scope. */
  interface Entered extends AutoCloseable {
    @Override
    void close();
  }
}
