package dev.pgdest.internal.unit;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The one retry policy of the write path: up to {@code maxRetries} replays of a whole unit, waiting
 * {@code base * 2^(attempt-1)} (at most 30 s) before each, of which a random half is jitter, so that
 * writers cut by the same fault do not come back in lockstep. Immutable and thread-safe.
 */
public final class RetryPolicy {
  static final long MAX_DELAY_MILLIS = 30_000;

  private final int maxRetries;
  private final long baseMillis;
  private final LongSupplier random;

  /** A policy with real jitter. */
  public RetryPolicy(int maxRetries, Duration base) {
    this(maxRetries, base, () -> ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
  }

  /** A policy whose jitter comes from {@code random} (non-negative longs), for tests. */
  RetryPolicy(int maxRetries, Duration base, LongSupplier random) {
    this.maxRetries = maxRetries;
    this.baseMillis = Math.max(0, base.toMillis());
    this.random = random;
  }

  /** Whether another replay is allowed after {@code attempt} replays. */
  public boolean allows(int attempt) {
    return attempt < maxRetries;
  }

  /** The bound on replays. */
  public int maxRetries() {
    return maxRetries;
  }

  /** How long to wait before replay number {@code attempt} (1 for the first). */
  public long delayMillis(int attempt) {
    long full = Math.min(MAX_DELAY_MILLIS, baseMillis << Math.min(16, Math.max(0, attempt - 1)));
    long half = full / 2;
    return full - half + (half == 0 ? 0 : random.getAsLong() % (half + 1));
  }

  /**
   * Waits before a replay.
   *
   * @throws InterruptedException when interrupted; the interrupt flag is restored
   */
  public void pause(int attempt) throws InterruptedException {
    try {
      Thread.sleep(delayMillis(attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }
}
