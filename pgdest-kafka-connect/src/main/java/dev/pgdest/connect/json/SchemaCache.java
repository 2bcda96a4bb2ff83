package dev.pgdest.connect.json;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * Schemas and their readers by the exact bytes of the envelope's {@code schema} object, so that a
 * record whose schema text was seen before costs a hash and a comparison of bytes, not a parse.
 * Least recently used entries go past {@code schemas.cache.size}. The last hit is checked first
 * without the lock: a topic usually repeats one schema. Thread-safe.
 */
final class SchemaCache {
  /** A schema's text, the schema it means and its reader. */
  static final class Entry {
    final byte[] text;
    final Schema schema;
    final ValueReader reader;

    Entry(byte[] text, Schema schema, ValueReader reader) {
      this.text = text;
      this.schema = schema;
      this.reader = reader;
    }

    boolean matches(byte[] doc, int start, int end) {
      return end - start == text.length && Arrays.equals(text, 0, text.length, doc, start, end);
    }
  }

  /** A range of bytes as a map key; a probe refers to the record's bytes, a stored key owns a copy. */
  private static final class Key {
    final byte[] bytes;
    final int start;
    final int end;
    final int hash;

    Key(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.start = start;
      this.end = end;
      int h = 1;
      for (int i = start; i < end; i++) {
        h = 31 * h + bytes[i];
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return hash == k.hash && Arrays.equals(bytes, start, end, k.bytes, k.start, k.end);
    }
  }

  private final Map<Key, Entry> entries;
  private volatile Entry last;

  SchemaCache(int size) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > size;
          }
        };
  }

  /** The entry of the most recent hit or insert, or null. */
  Entry last() {
    return last;
  }

  Entry get(byte[] doc, int start, int end) {
    Entry e = last;
    if (e != null && e.matches(doc, start, end)) {
      return e;
    }
    synchronized (entries) {
      e = entries.get(new Key(doc, start, end));
    }
    if (e != null) {
      last = e;
    }
    return e;
  }

  Entry put(byte[] doc, int start, int end, Schema schema, ValueReader reader) {
    byte[] text = Arrays.copyOfRange(doc, start, end);
    Entry e = new Entry(text, schema, reader);
    synchronized (entries) {
      entries.put(new Key(text, 0, text.length), e);
    }
    last = e;
    return e;
  }
}
