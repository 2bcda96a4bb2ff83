package dev.pgdest.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A task's offsets per partition: the next offset stored in the checkpoint table (committed),
 * and, for the unit being staged, the next offset after its last record and the offset of its
 * first, so that a unit rolled back can be re-read from where it began. Not thread-safe.
 */
final class Offsets {
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Map<TopicPartition, Long> stagedNext = new HashMap<>();
  private final Map<TopicPartition, Long> stagedFirst = new HashMap<>();

  /** The checkpoint key of a partition: {@code <topic>/<partition>}. */
  static String key(TopicPartition tp) {
    return tp.topic() + "/" + tp.partition();
  }

  /** The partition of a checkpoint key. */
  static TopicPartition partition(String key) {
    int slash = key.lastIndexOf('/');
    return new TopicPartition(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)));
  }

  void claimed(TopicPartition tp, Long storedNext) {
    if (storedNext == null) {
      committed.remove(tp);
    } else {
      committed.put(tp, storedNext);
    }
  }

  void staged(TopicPartition tp, long offset) {
    stagedFirst.putIfAbsent(tp, offset);
    stagedNext.put(tp, offset + 1);
  }

  boolean hasStaged() {
    return !stagedNext.isEmpty();
  }

  /** The positions a commit of the staged unit writes. */
  Map<String, String> stagedPositions() {
    Map<String, String> out = new HashMap<>();
    stagedNext.forEach((tp, next) -> out.put(key(tp), Long.toString(next)));
    return out;
  }

  /** The staged unit's records, by partition and offset range, for a message. */
  String describeStaged() {
    StringBuilder out = new StringBuilder();
    stagedFirst.forEach((tp, first) -> out.append(out.length() == 0 ? "" : "; ").append("topic ").append(tp.topic())
        .append(", partition ").append(tp.partition()).append(", offsets ").append(first).append(" to ")
        .append(stagedNext.get(tp) - 1));
    return out.toString();
  }

  /** The staged unit landed. */
  void landed() {
    committed.putAll(stagedNext);
    clearStaged();
  }

  /**
   * The staged unit was rolled back: where each of its partitions must be re-read from (the
   * stored position, or the unit's first record when none is stored), and forgets the unit.
   */
  Map<TopicPartition, Long> rolledBack() {
    Map<TopicPartition, Long> rewind = new HashMap<>();
    stagedFirst.forEach((tp, first) -> rewind.put(tp, committed.getOrDefault(tp, first)));
    clearStaged();
    return rewind;
  }

  Map<TopicPartition, Long> committed() {
    return committed;
  }

  void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      committed.remove(tp);
      stagedNext.remove(tp);
      stagedFirst.remove(tp);
    }
  }

  private void clearStaged() {
    stagedNext.clear();
    stagedFirst.clear();
  }
}
