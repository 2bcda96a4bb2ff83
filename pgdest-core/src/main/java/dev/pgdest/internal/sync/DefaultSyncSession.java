package dev.pgdest.internal.sync;

import dev.pgdest.DataException;
import dev.pgdest.DestinationConfig;
import dev.pgdest.RejectPolicy;
import dev.pgdest.Rejection;
import dev.pgdest.SyncResult;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.unit.ConnectionSource;
import dev.pgdest.internal.unit.RetryPolicy;
import dev.pgdest.internal.unit.UnitOfWork;
import dev.pgdest.internal.write.Writers;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SyncSession}: one {@link UnitOfWork} holding every table's changes, whose commit adds
 * the fence check and the checkpoint positions as its last step. Not thread-safe.
 */
public final class DefaultSyncSession implements SyncSession {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultSyncSession.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConnectionSource source;
  private final String name;
  private final RejectPolicy policy;
  private final Consumer<Rejection> listener;
  private final UnitOfWork unit;
  private final Checkpoints checkpoints;
  private final Map<String, SyncTable> tables = new LinkedHashMap<>();
  private long position;
  private long rejected;
  private boolean closed;

  /** A session named {@code name} over one connection of {@code source}. */
  public DefaultSyncSession(ConnectionSource source, String name, RejectPolicy policy, Consumer<Rejection> listener) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a sync session needs a name: the namespace of its checkpoint keys");
    }
    this.source = source;
    this.name = name;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.listener = Objects.requireNonNull(listener, "listener");
    DestinationConfig config = source.config();
    this.unit = new UnitOfWork(source, new RetryPolicy(config.maxRetries(), config.retryBackoff()), (a, c) -> {});
    this.checkpoints = new Checkpoints(config.schema(), name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, String> claim(Collection<String> keys) {
    requireOpen();
    List<String> list = new ArrayList<>(keys);
    list.forEach(k -> Objects.requireNonNull(k, "checkpoint key"));
    rollback();
    String action = "claiming " + list.size() + " checkpoint keys of sync session \"" + name + "\"";
    Writers.ensureSchema(source);
    try {
      checkpoints.ensureTable(unit.connection());
    } catch (SQLException e) {
      unit.rollback();
      throw Errors.translate("creating the checkpoint table for sync session \"" + name + "\"", e);
    }
    Map<String, String> positions = new TreeMap<>();
    List<Map<String, Long>> epochs = new ArrayList<>(1);
    unit.commit(List.of(), c -> {
      epochs.clear();
      epochs.add(checkpoints.claim(c, list, positions));
    }, action);
    checkpoints.claimed(epochs.get(0));
    return Map.copyOf(positions);
  }

  @Override
  public TableChanges table(TableSpec spec, WriteMode mode) {
    requireOpen();
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(mode, "mode");
    if (mode != WriteMode.UPSERT && mode != WriteMode.APPEND) {
      throw new IllegalArgumentException("a sync session's table is UPSERT or APPEND, not " + mode);
    }
    if (mode == WriteMode.UPSERT && spec.primaryKey().isEmpty()) {
      throw new IllegalArgumentException("UPSERT needs a primary key, and table \"" + spec.name() + "\" has none");
    }
    SyncTable existing = tables.get(spec.name());
    if (existing != null) {
      return existing;
    }
    Writers.PreparedTable prepared = Writers.prepare(source, spec);
    SyncTable table = new SyncTable(this, spec, mode, prepared.plan(), prepared.serverMajor(),
        new EncodeContext(source.config().nulPolicy(), prepared.serverMajor()));
    tables.put(spec.name(), table);
    return table;
  }

  @Override
  public long pendingRows() {
    return tables.values().stream().mapToLong(SyncTable::rows).sum();
  }

  @Override
  public long pendingBytes() {
    return tables.values().stream().mapToLong(SyncTable::bytes).sum();
  }

  @Override
  public SyncResult commit(Map<String, String> positions) {
    requireOpen();
    Map<String, String> toWrite = new TreeMap<>(Objects.requireNonNull(positions, "positions"));
    for (Map.Entry<String, String> e : toWrite.entrySet()) {
      Objects.requireNonNull(e.getValue(), "position of checkpoint key \"" + e.getKey() + "\"");
      if (!checkpoints.holds(e.getKey())) {
        throw new IllegalStateException("sync session \"" + name + "\" did not claim checkpoint key \"" + e.getKey()
            + "\"; claim it before committing a position for it");
      }
    }
    long started = System.nanoTime();
    long retriesBefore = unit.retries();
    Map<String, Long> bytesBefore = new LinkedHashMap<>();
    tables.values().forEach(t -> bytesBefore.put(t.name(), t.journal().bytesSent()));
    List<String> fence = checkpoints.fenceKeys(toWrite);
    boolean checks = !fence.isEmpty();
    try {
      unit.commit(new ArrayList<>(tables.values()), checks ? c -> checkpoints.verify(c, fence) : null,
          checks ? c -> checkpoints.write(c, toWrite) : null, "committing " + pendingRows() + " changes of sync session \"" + name + "\"");
    } catch (RuntimeException e) {
      dropPending();
      throw e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Map<String, WriteResult> results = new LinkedHashMap<>();
    for (SyncTable t : tables.values()) {
      if (t.rows() == 0) {
        continue;
      }
      long[] n = t.landedCounts();
      results.put(t.name(), WriteResult.builder().rowsStaged(t.rows() - t.skipped()).rowsInserted(n[0])
          .rowsUpdated(n[1]).rowsDeleted(n[2]).batches(1).retries(unit.retries() - retriesBefore)
          .valuesSanitized(0).bytesSent(t.journal().bytesSent() - bytesBefore.get(t.name())).commitTime(took).build());
    }
    SyncResult result = new SyncOutcome(Map.copyOf(results), Map.copyOf(toWrite), rejected,
        unit.retries() - retriesBefore, took);
    LOG.debug("Sync session \"{}\" committed {} changes to {} tables", name, position, results.size());
    dropPending();
    return result;
  }

  @Override
  public void rollback() {
    requireOpen();
    unit.rollback();
    dropPending();
  }

  private void dropPending() {
    tables.values().forEach(SyncTable::reset);
    position = 0;
    rejected = 0;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      unit.close();
    } finally {
      tables.values().forEach(SyncTable::close);
    }
  }

  void requireOpen() {
    if (closed) {
      throw new IllegalStateException("sync session \"" + name + "\" is closed");
    }
  }

  /** The next change's position: 1-based, per commit, across tables. */
  long nextPosition() {
    return ++position;
  }

  /** Lets a table's changes stream live into the unit. */
  void streamTo(SyncTable table) {
    unit.streamTo(table);
  }

  boolean skipsRejects() {
    return policy == RejectPolicy.SKIP;
  }

  /**
   * A change did not fit its column. Under SKIP it is reported and left out; under FAIL the
   * session's uncommitted changes are dropped (nothing of the unit may land) and the refusal thrown.
   */
  void refusedByClient(Rejection rejection, DataException e) {
    if (!skipsRejects()) {
      unit.rollback();
      dropPending();
      throw e;
    }
    report(rejection);
  }

  /** The server refused a change and SKIP leaves it out of the replay. */
  void refusedByServer(Rejection rejection) {
    report(rejection);
  }

  private void report(Rejection rejection) {
    rejected++;
    try {
      listener.accept(rejection);
    } catch (RuntimeException e) {
      LOG.warn("Rejection listener of sync session \"{}\" failed; ignored: {}", name, e.toString());
    }
  }

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
