package dev.pgdest.it.sync;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic source of three change streams, one per table, each addressed by position (the
 * number of its changes consumed so far): what a sync engine reads from an API or a log. The same
 * position always yields the same change, so a resumed reader and the test's reference model
 * agree on what the source holds.
 *
 * <ul>
 *   <li>{@code events}: APPEND, change {@code i} inserts row {@code i} (no key: a double shows).
 *   <li>{@code accounts}: UPSERT by id over a few hundred keys, one change in five a delete.
 *   <li>{@code contacts}: UPSERT with a version column whose versions arrive out of order within a
 *       window (and sometimes tie), so "only if not older" decides.
 * </ul>
 */
final class SyncSource {
  static final String EVENTS = "events";
  static final String ACCOUNTS = "accounts";
  static final String CONTACTS = "contacts";
  static final List<String> STREAMS = List.of(EVENTS, ACCOUNTS, CONTACTS);

  static final TableSpec EVENTS_SPEC = TableSpec.builder(EVENTS).column("id", PgType.BIGINT)
      .column("note", PgType.TEXT).build();
  static final TableSpec ACCOUNTS_SPEC = TableSpec.builder(ACCOUNTS).column("id", PgType.BIGINT)
      .column("name", PgType.TEXT).column("n", PgType.BIGINT).primaryKey("id").build();
  static final TableSpec CONTACTS_SPEC = TableSpec.builder(CONTACTS).column("id", PgType.BIGINT)
      .column("name", PgType.TEXT).column("version", PgType.BIGINT).primaryKey("id").versionColumn("version").build();

  private static final int ACCOUNT_KEYS = 400;
  private static final int CONTACT_KEYS = 250;
  private static final int VERSION_WINDOW = 10;

  private SyncSource() {}

  /** One change: for accounts, {@code deleted} means a delete of {@code id}. */
  record Change(long id, boolean deleted, List<Object> row) {}

  /** Change {@code i} (1-based) of a stream. */
  static Change change(String stream, long i) {
    long h = mix(i * 31 + stream.hashCode());
    switch (stream) {
      case EVENTS:
        return new Change(i, false, List.of(i, "event " + i));
      case ACCOUNTS: {
        long id = 1 + Math.floorMod(h, ACCOUNT_KEYS);
        boolean deleted = Math.floorMod(h >>> 20, 5) == 0;
        return new Change(id, deleted, List.of(id, "account " + i, i));
      }
      case CONTACTS: {
        long id = 1 + Math.floorMod(h, CONTACT_KEYS);
        long version = i + Math.floorMod(h >>> 24, 2 * VERSION_WINDOW + 1) - VERSION_WINDOW;
        return new Change(id, false, List.of(id, "contact " + i, version));
      }
      default:
        throw new IllegalArgumentException(stream);
    }
  }

  /**
   * What the stream's table must hold after its first {@code position} changes, each applied in
   * order: rows by id (events by their own id; an event twice would be a list of two rows).
   */
  static Map<Long, List<List<Object>>> expected(String stream, long position) {
    Map<Long, List<List<Object>>> out = new TreeMap<>();
    Map<Long, Long> versions = new HashMap<>();
    for (long i = 1; i <= position; i++) {
      Change c = change(stream, i);
      if (stream.equals(EVENTS)) {
        out.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c.row());
      } else if (c.deleted()) {
        out.remove(c.id());
      } else if (stream.equals(CONTACTS)) {
        long v = (Long) c.row().get(2);
        Long stored = versions.get(c.id());
        if (stored == null || v >= stored) { // equal versions: the later change wins
          versions.put(c.id(), v);
          out.put(c.id(), List.of(c.row()));
        }
      } else {
        out.put(c.id(), List.of(c.row()));
      }
    }
    return out;
  }

  static TableSpec spec(String stream) {
    return switch (stream) {
      case EVENTS -> EVENTS_SPEC;
      case ACCOUNTS -> ACCOUNTS_SPEC;
      case CONTACTS -> CONTACTS_SPEC;
      default -> throw new IllegalArgumentException(stream);
    };
  }

  /** SplitMix64's finalizer: a well-spread hash of the position. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
