package dev.pgdest.internal.copy;

import java.util.Arrays;

/**
 * An open-addressing set of 64-bit key hashes, to learn whether a batch may hold a key twice.
 * A hit means "maybe" (hashes collide), a miss means "certainly not": a batch without hits can be
 * merged without the dedupe step. Memory: 16 to 32 bytes per row of the largest batch.
 */
public final class KeySet {
  private static final long EMPTY = 0;
  private long[] slots = new long[1024];
  private int size;
  private boolean zeroSeen;

  /** Adds a hash; returns true when it was already present. */
  public boolean add(long h) {
    if (h == EMPTY) {
      boolean seen = zeroSeen;
      zeroSeen = true;
      return seen;
    }
    if (size * 2 >= slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = (int) (ValueEncoder.mix(h) & mask);
    while (true) {
      long s = slots[i];
      if (s == EMPTY) {
        slots[i] = h;
        size++;
        return false;
      }
      if (s == h) {
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  /** Whether a hash is in the set. */
  public boolean contains(long h) {
    if (h == EMPTY) {
      return zeroSeen;
    }
    int mask = slots.length - 1;
    int i = (int) (ValueEncoder.mix(h) & mask);
    while (true) {
      long s = slots[i];
      if (s == h) {
        return true;
      }
      if (s == EMPTY) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  /** Empties the set, keeping its capacity. */
  public void clear() {
    if (size > 0) {
      Arrays.fill(slots, EMPTY);
    }
    size = 0;
    zeroSeen = false;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long s : old) {
      if (s != EMPTY) {
        add(s);
      }
    }
  }
}
