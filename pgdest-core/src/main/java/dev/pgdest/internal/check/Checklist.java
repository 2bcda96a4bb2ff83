package dev.pgdest.internal.check;

import dev.pgdest.CheckReport;
import dev.pgdest.CheckReport.Item;
import dev.pgdest.CheckReport.Status;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.errors.SqlStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The items of one check run, in order. Remembers the first blocker so that the items after it
 * are reported as not checked rather than left out: the reader sees the whole list every time.
 */
final class Checklist {
  private final List<Item> items = new ArrayList<>();
  private String blocker;

  static Item pass(String id, String title, String explanation) {
    return new Item(id, title, Status.PASS, explanation, Optional.empty());
  }

  static Item warn(String id, String title, String explanation) {
    return new Item(id, title, Status.WARN, explanation, Optional.empty());
  }

  static Item fail(String id, String title, String explanation) {
    return new Item(id, title, Status.FAIL, explanation, Optional.empty());
  }

  static Item fail(String id, String title, String explanation, String fixSql) {
    return new Item(id, title, Status.FAIL, explanation, Optional.of(fixSql));
  }

  static Item skipped(String id, String title, String explanation) {
    return new Item(id, title, Status.SKIPPED, explanation, Optional.empty());
  }

  /** Adds an item; the first FAIL becomes the blocker. */
  void add(Item item) {
    items.add(item);
    if (item.status() == Status.FAIL && blocker == null) {
      blocker = item.id();
    }
  }

  /** Whether an earlier item failed, so that the next ones cannot be checked. */
  boolean blocked() {
    return blocker != null;
  }

  /** Adds the item when nothing failed yet, else a SKIPPED item naming the blocker. */
  void addUnlessBlocked(String id, String title, ItemCheck check) {
    if (blocked()) {
      skip(id, title);
    } else {
      addChecked(id, title, check);
    }
  }

  /**
   * Runs the check and adds its item, blocked or not. A check that throws becomes a FAIL saying
   * what went wrong: a check never throws to its caller.
   */
  void addChecked(String id, String title, ItemCheck check) {
    try {
      add(check.run());
    } catch (Exception e) {
      String state = SqlStates.sqlStateOf(e);
      add(fail(id, title, "could not be checked: " + Errors.describe(e)
          + (state == null ? "" : " [SQLSTATE " + state + "]")));
    }
  }

  /** Adds a SKIPPED item naming the blocker; only once something failed. */
  void skip(String id, String title) {
    add(skipped(id, title, "not checked: " + blocker + " failed"));
  }

  CheckReport report() {
    return CheckReport.of(items);
  }

  /** One item's check; it may throw, and the caller turns the exception into a FAIL. */
  @FunctionalInterface
  interface ItemCheck {
    Item run() throws Exception;
  }
}
