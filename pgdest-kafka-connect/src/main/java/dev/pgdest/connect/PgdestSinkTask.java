package dev.pgdest.connect;

import dev.pgdest.DataException;
import dev.pgdest.Destination;
import dev.pgdest.FencedException;
import dev.pgdest.PgdestException;
import dev.pgdest.RejectPolicy;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.WriteMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's task: one pgdest sync session, whose checkpoint keys are the task's partitions
 * ({@code <topic>/<partition>} to the next offset). {@link #open} claims the partitions and seeks
 * to their stored offsets; {@link #put} stages records (committing early past
 * {@code commit.size.bytes}); {@link #preCommit} commits rows and offsets in one transaction and
 * hands the same offsets to Connect. A task that lost a partition to another task is fenced: its
 * commit lands nothing, it drops that partition and re-reads the others from their stored offsets.
 *
 * <p>Connect calls a task from one thread; so does this class.
 */
public class PgdestSinkTask extends SinkTask {
  private static final Logger LOG = LoggerFactory.getLogger(PgdestSinkTask.class);

  private SinkSettings settings;
  private RecordConverter converter;
  private TableShapes shapes;
  private StructPlans plans;
  private Destination destination;
  private SyncSession session;
  private String sessionName;
  private boolean tolerateAll;
  private Refusals refusals;
  private final Offsets offsets = new Offsets();
  private final Set<TopicPartition> owned = new HashSet<>();
  private final Set<TopicPartition> rewinding = new HashSet<>();
  private final Map<String, TableChanges> tables = new HashMap<>();
  private final List<SinkRecord> unit = new ArrayList<>();
  private ConnectException failure;
  private SinkRecord current;

  /** Created by the worker. */
  public PgdestSinkTask() {}

  @Override
  public String version() {
    return Versions.pgdest();
  }

  @Override
  public void start(Map<String, String> props) {
    settings = new SinkSettings(props);
    converter = new RecordConverter(settings);
    shapes = new TableShapes(settings);
    plans = new StructPlans(settings);
    sessionName = props.getOrDefault("name", "pgdest-kafka-connect");
    tolerateAll = "all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none").trim());
    ErrantRecordReporter reporter = null;
    if (tolerateAll) {
      try {
        reporter = context.errantRecordReporter();
      } catch (NoSuchMethodError | NoClassDefFoundError e) {
        // A worker older than Kafka 2.6: refused records are logged and skipped.
      }
    }
    refusals = new Refusals(tolerateAll, reporter);
    destination = Destination.open(settings.destinationConfig());
    destination.ensureSchema();
    session = openSession();
    LOG.info("task of {} started: {} into schema {}", sessionName, settings.insertMode(), destination.config().schema());
  }

  private SyncSession openSession() {
    return destination.openSync(sessionName, tolerateAll ? RejectPolicy.SKIP : RejectPolicy.FAIL,
        rejection -> refusals.rejected(recordAt(rejection.position()), rejection.column(), rejection.reason()));
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    if (!unit.isEmpty() || offsets.hasStaged()) {
      // A claim drops what is staged: land the partitions already owned first.
      commitUnit();
    }
    // Claims the partitions kept from before too: it costs nothing (they are landed) and holds
    // whether a claim adds to the session's keys or replaces them.
    Set<TopicPartition> all = new HashSet<>(owned);
    all.addAll(partitions);
    List<String> keys = new ArrayList<>();
    for (TopicPartition tp : all) {
      keys.add(Offsets.key(tp));
    }
    Map<String, String> stored = session.claim(keys);
    for (TopicPartition tp : partitions) {
      owned.add(tp);
      String position = stored.get(Offsets.key(tp));
      Long next = position == null ? null : Long.parseLong(position);
      offsets.claimed(tp, next);
      if (next != null) {
        context.offset(tp, next);
      }
    }
    LOG.debug("claimed {} (stored positions for {})", keys, stored.keySet());
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (failure != null) {
      throw failure;
    }
    rewinding.clear();
    for (SinkRecord r : records) {
      TopicPartition tp = new TopicPartition(r.topic(), r.kafkaPartition());
      if (!owned.contains(tp) || rewinding.contains(tp)) {
        // Another task owns it now, or the unit was rolled back and it is being re-read.
        continue;
      }
      stage(r, tp);
      if (owned.contains(tp) && !rewinding.contains(tp)) {
        offsets.staged(tp, r.kafkaOffset());
      }
    }
    if (session.pendingBytes() >= settings.commitSizeBytes()) {
      commitUnit();
      throwFailure();
    }
  }

  private void stage(SinkRecord r, TopicPartition tp) {
    StructPlans.Plan plan = plans.get(r.topic());
    if (plan != null && tables.get(plan.table.spec().name()) == plan.table) {
      Object[] row = plan.row(r);
      if (row != null) {
        stagePlanned(r, plan.table, row);
        return;
      }
    }
    try {
      Change change = converter.convert(r);
      if (change == null) {
        return;
      }
      TableShapes.Fitted fitted = shapes.fit(change);
      TableChanges t = table(fitted);
      if (!owned.contains(tp) || rewinding.contains(tp)) {
        // Evolving the table committed the unit, and that commit was fenced: re-read, don't stage.
        return;
      }
      // A refusal may be reported from inside give(): the record must be found by then.
      current = r;
      long position = give(t, change, fitted.row());
      added(r, position);
      plans.learn(r, change, t);
    } catch (RecordRejected e) {
      refusals.refuse(r, e.column(), e.getMessage(), e);
    } catch (DataException e) {
      refusals.refuse(r, e.column(), e.getMessage(), e);
    } finally {
      current = null;
    }
  }

  /** Stages a row a conversion plan built: the same row, without the maps of the full way. */
  private void stagePlanned(SinkRecord r, TableChanges t, Object[] row) {
    try {
      current = r;
      long position = settings.insertMode() == SinkSettings.InsertMode.APPEND ? t.append(row) : t.upsert(row);
      added(r, position);
    } catch (DataException e) {
      refusals.refuse(r, e.column(), e.getMessage(), e);
    } finally {
      current = null;
    }
  }

  private void added(SinkRecord r, long position) {
    while (unit.size() < position - 1) {
      unit.add(null);
    }
    unit.add(r);
  }

  private long give(TableChanges t, Change change, Map<String, Object> row) {
    if (settings.insertMode() == SinkSettings.InsertMode.APPEND) {
      return t.append(row);
    }
    return change.delete() ? t.delete(row) : t.upsert(row);
  }

  private TableChanges table(TableShapes.Fitted fitted) {
    String name = fitted.spec().name();
    TableChanges t = tables.get(name);
    if (t != null && !fitted.changed()) {
      return t;
    }
    WriteMode mode = settings.insertMode() == SinkSettings.InsertMode.APPEND ? WriteMode.APPEND : WriteMode.UPSERT;
    t = session.table(fitted.spec(), mode);
    if (!sameShape(t.spec(), fitted.spec())) {
      // The session keeps a table's first spec: land what is staged and evolve in a new session.
      commitUnit();
      throwFailure();
      reopenSession();
      t = session.table(fitted.spec(), mode);
    }
    tables.put(name, t);
    return t;
  }

  private void reopenSession() {
    session.close();
    tables.clear();
    plans.forget();
    session = openSession();
    List<String> keys = new ArrayList<>();
    for (TopicPartition tp : owned) {
      keys.add(Offsets.key(tp));
    }
    if (!keys.isEmpty()) {
      session.claim(keys);
    }
  }

  private static boolean sameShape(TableSpec a, TableSpec b) {
    return a.columns().equals(b.columns()) && a.primaryKey().equals(b.primaryKey());
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (failure == null && (!unit.isEmpty() || offsets.hasStaged())) {
      commitUnit();
    }
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    offsets.committed().forEach((tp, next) -> {
      if (owned.contains(tp)) {
        out.put(tp, new OffsetAndMetadata(next));
      }
    });
    return out;
  }

  /** Commits the staged unit with its offsets; on failure records it for {@link #put} to throw. */
  private void commitUnit() {
    try {
      session.commit(offsets.stagedPositions());
      offsets.landed();
      unit.clear();
      refusals.await();
    } catch (FencedException e) {
      fenced(e);
    } catch (DataException e) {
      SinkRecord r = recordAt(e.row().orElse(-1));
      String where = r == null ? "one of the records of " + offsets.describeStaged() + ": "
          + (e.column() == null ? "" : "column \"" + e.column() + "\": ") + e.getMessage()
          : Refusals.describe(r, e.column(), e.getMessage());
      rollBack();
      failure = new ConnectException(where, e);
    } catch (PgdestException e) {
      rollBack();
      if (!e.isRetryable()) {
        failure = new ConnectException("the commit into PostgreSQL failed: " + e.getMessage(), e);
      } else {
        LOG.warn("commit failed after retries, re-reading from the stored offsets: {}", e.getMessage());
      }
    }
  }

  private void fenced(FencedException e) {
    TopicPartition lost = Offsets.partition(e.key());
    LOG.warn("partition {} was claimed by another task (epoch {} > {}): giving it up", lost, e.currentEpoch(), e.claimedEpoch());
    owned.remove(lost);
    offsets.forget(List.of(lost));
    rollBack();
  }

  private void rollBack() {
    session.rollback();
    unit.clear();
    refusals.forget();
    Map<TopicPartition, Long> rewind = offsets.rolledBack();
    rewind.forEach((tp, offset) -> {
      if (owned.contains(tp)) {
        context.offset(tp, offset);
        rewinding.add(tp);
      }
    });
  }

  private void throwFailure() {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (!unit.isEmpty() || offsets.hasStaged()) {
      // Connect commits before revoking; anything still staged here would land without its owner.
      rollBack();
    }
    owned.removeAll(partitions);
    offsets.forget(partitions);
  }

  @Override
  public void stop() {
    try {
      if (session != null) {
        session.close();
      }
    } finally {
      if (destination != null) {
        destination.close();
      }
    }
  }

  private SinkRecord recordAt(long position) {
    if (current != null && position == unit.size() + 1) {
      return current;
    }
    return position >= 1 && position <= unit.size() ? unit.get((int) position - 1) : null;
  }
}
