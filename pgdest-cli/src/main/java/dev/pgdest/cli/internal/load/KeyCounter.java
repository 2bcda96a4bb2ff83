package dev.pgdest.cli.internal.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts how often each key occurs in a load, in bounded memory: an open-addressing table of
 * 64-bit key hashes with the line each key was first seen on and its count (20 bytes a slot, at
 * most three quarters full: about 40 bytes a distinct key, so a million keys fit in {@code -Xmx128m}
 * beside the writer). Two different keys sharing a 64-bit hash would count as one: about one chance in 40
 * million for a million distinct keys. Not thread-safe.
 */
final class KeyCounter {
  private long[] hashes = new long[1 << 12];
  private long[] lines = new long[1 << 12];
  private int[] counts = new int[1 << 12];
  private int size;
  private long rows;

  /** Counts one row's key, the row starting on {@code line} (packed with its input, see {@link Loader}). */
  void add(long hash, long line) {
    rows++;
    if (hash == 0) {
      hash = 1;
    }
    if (size * 4L >= hashes.length * 3L) {
      grow();
    }
    int mask = hashes.length - 1;
    for (int i = (int) mix(hash) & mask; ; i = (i + 1) & mask) {
      if (hashes[i] == 0) {
        hashes[i] = hash;
        lines[i] = line;
        counts[i] = 1;
        size++;
        return;
      }
      if (hashes[i] == hash) {
        counts[i]++;
        return;
      }
    }
  }

  /** Distinct keys seen. */
  long distinct() {
    return size;
  }

  /** Rows that repeated a key seen before them. */
  long collapsed() {
    return rows - size;
  }

  /** The packed first lines of the {@code n} most repeated keys with their counts, most first. */
  List<long[]> mostRepeated(int n) {
    List<long[]> top = new ArrayList<>();
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] != 0 && counts[i] > 1) {
        top.add(new long[] {lines[i], counts[i]});
        top.sort((a, b) -> a[1] != b[1] ? Long.compare(b[1], a[1]) : Long.compare(a[0], b[0]));
        if (top.size() > n) {
          top.remove(n);
        }
      }
    }
    return top;
  }

  private void grow() {
    long[] oldHashes = hashes;
    long[] oldLines = lines;
    int[] oldCounts = counts;
    hashes = new long[oldHashes.length * 2];
    lines = new long[hashes.length];
    counts = new int[hashes.length];
    int mask = hashes.length - 1;
    for (int j = 0; j < oldHashes.length; j++) {
      if (oldHashes[j] != 0) {
        int i = (int) mix(oldHashes[j]) & mask;
        while (hashes[i] != 0) {
          i = (i + 1) & mask;
        }
        hashes[i] = oldHashes[j];
        lines[i] = oldLines[j];
        counts[i] = oldCounts[j];
      }
    }
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  /** A 64-bit hash of a key's values, as their text: FNV-1a over the characters, with a separator. */
  static long hash(Object[] row, int[] keyColumns) {
    long h = 0xcbf29ce484222325L;
    for (int k : keyColumns) {
      String s = String.valueOf(row[k]);
      for (int i = 0; i < s.length(); i++) {
        h = (h ^ s.charAt(i)) * 0x100000001b3L;
      }
      h = (h ^ 0x1F) * 0x100000001b3L;
    }
    return h;
  }
}
