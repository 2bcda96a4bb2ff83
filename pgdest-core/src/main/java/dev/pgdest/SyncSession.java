package dev.pgdest;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The unit a sync engine works in: changes to several tables and the source positions they come
 * from, committed together in ONE transaction, so that after a crash the engine resumes from
 * exactly what landed, losing and doubling nothing.
 *
 * <p>A session holds one pooled connection. Changes stream into per-table TEMP stages as they are
 * given (binary COPY, memory bounded); nothing is visible to readers until {@link #commit(Map)},
 * which, per table in a fixed order (so that concurrent sessions never deadlock), reduces the
 * staged changes to the last operation per key, applies them, writes the positions to the
 * checkpoint table {@code _pgdest_checkpoints} in the configured schema, and commits. A passing
 * fault replays the whole unit; a COMMIT whose outcome is unknown is settled before anything is
 * replayed.
 *
 * <p>Fencing: {@link #claim} returns the stored positions of its keys and makes this session their
 * owner; a session that claimed a key earlier fails its next commit with {@link FencedException}
 * and changes nothing. A position may only be committed for a key this session claimed.
 *
 * <p>Not thread-safe: use a session from one thread. After an exception from {@link #commit} the
 * unit was rolled back; {@link #rollback()} or a new {@code claim} starts over.
 *
 * <pre>{@code
 * try (SyncSession sync = dest.openSync("acme-salesforce")) {
 *   Map<String, String> from = sync.claim("accounts");
 *   TableChanges accounts = sync.table(accountsSpec);
 *   for (Change c : source.readFrom(from.get("accounts"))) {
 *     if (c.deleted()) accounts.delete(c.id()); else accounts.upsert(c.id(), c.name());
 *     if (sync.pendingBytes() > 256 << 20) sync.commit(Map.of("accounts", c.position()));
 *   }
 *   SyncResult r = sync.commit(Map.of("accounts", source.position()));
 * }
 * }</pre>
 */
public interface SyncSession extends AutoCloseable {

  /** The session's name, as given to {@link Destination#openSync(String)}: the checkpoints' namespace. */
  String name();

  /**
   * Claims checkpoint keys: fences every session that claimed them before, and returns their stored
   * positions (a key never committed is absent from the map). Rolls back uncommitted changes.
   *
   * @throws PgdestException when the checkpoint table cannot be created or read
   */
  Map<String, String> claim(Collection<String> keys);

  /** As {@link #claim(Collection)}. */
  default Map<String, String> claim(String... keys) {
    return claim(List.of(keys));
  }

  /**
   * The changes to one table, in {@link WriteMode#UPSERT} (changes by primary key: upserts and
   * deletes). The table is created or evolved as a {@link TableWriter}'s would be. Asking again
   * for the same table name returns the same object.
   */
  default TableChanges table(TableSpec spec) {
    return table(spec, WriteMode.UPSERT);
  }

  /**
   * The changes to one table in the given mode: {@link WriteMode#UPSERT} (upserts and deletes by
   * key) or {@link WriteMode#APPEND} (inserts only, exactly once per commit).
   *
   * @throws IllegalArgumentException for another mode, or UPSERT of a spec without primary key
   */
  TableChanges table(TableSpec spec, WriteMode mode);

  /** Changes given since the last commit, over all tables. */
  long pendingRows();

  /** Bytes of encoded changes since the last commit, over all tables: a cue to commit. */
  long pendingBytes();

  /**
   * Lands every staged change and the given positions in one transaction.
   *
   * @param positions checkpoint key to source position, for keys this session claimed
   * @throws FencedException when another session claimed one of the keys since; nothing landed
   * @throws DataException under {@link RejectPolicy#FAIL} when a change was refused; nothing landed
   * @throws IllegalStateException when a key was not claimed by this session
   */
  SyncResult commit(Map<String, String> positions);

  /** Lands the staged changes without moving any position. */
  default SyncResult commit() {
    return commit(Map.of());
  }

  /** Drops the changes staged since the last commit. */
  void rollback();

  /** Rolls back what is uncommitted, drops the stages and returns the connection. Idempotent. */
  @Override
  void close();
}
