package dev.pgdest.connect;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: the tests never sleep a fixed time. */
final class Await {
  private Await() {}

  /**
   * Waits until {@code condition} holds; fails with {@code what} and the last {@code state} seen.
   * Exceptions thrown while polling count as "not yet" (a table not created yet, a worker restarting).
   */
  static void until(Duration timeout, String what, BooleanSupplier condition, Supplier<?> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
        last = null;
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
    }
    Object seen;
    try {
      seen = state.get();
    } catch (RuntimeException e) {
      seen = e.toString();
    }
    AssertionError error = new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; last seen: " + seen);
    if (last != null) {
      error.initCause(last);
    }
    throw error;
  }

  static void until(Duration timeout, String what, BooleanSupplier condition) {
    until(timeout, what, condition, () -> "(no state)");
  }
}
