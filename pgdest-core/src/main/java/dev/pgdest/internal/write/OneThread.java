package dev.pgdest.internal.write;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes an object that is not thread-safe fail fast when two threads use it at once: the second
 * gets an {@link IllegalStateException} before it touches anything, instead of waiting in the
 * driver's lock (or interleaving two batches in one COPY). Handing the object from one thread to
 * another between calls is fine. Thread-safe.
 *
 * <pre>{@code
 * boolean entered = guard.enter();
 * try { ... } finally { guard.exit(entered); }
 * }</pre>
 */
final class OneThread {
  private final AtomicReference<Thread> user = new AtomicReference<>();
  private final String what;

  /** {@code what} names the object in messages, e.g. {@code the writer for table "users"}. */
  OneThread(String what) {
    this.what = what;
  }

  /**
   * Marks the calling thread as the one using the object.
   *
   * @return false when it already was (a nested call), to pass to {@link #exit}
   * @throws IllegalStateException when another thread is using it
   */
  boolean enter() {
    Thread me = Thread.currentThread();
    Thread other = user.compareAndExchange(null, me);
    if (other == null) {
      return true;
    }
    if (other == me) {
      return false;
    }
    throw new IllegalStateException(what + " is used by two threads at once (\"" + other.getName() + "\" and \""
        + me.getName() + "\"); it is not thread-safe: give each thread its own");
  }

  /** Ends a call that {@link #enter} returned {@code entered} for. */
  void exit(boolean entered) {
    if (entered) {
      user.set(null);
    }
  }
}
