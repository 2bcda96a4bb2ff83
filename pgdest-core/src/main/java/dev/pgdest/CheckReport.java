package dev.pgdest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link Destination#check()}: the setup page's permissions checklist, item by item,
 * in the order a connection meets them, stopping at the first blocker. Each item says whether it
 * passed, in plain words why, and when a privilege is missing the exact SQL that grants it.
 * Immutable and thread-safe. {@link #render()} prints it for a support ticket.
 *
 * <pre>{@code
 * CheckReport report = destination.check();
 * if (!report.isReady()) {
 *   System.err.println(report.render());
 * }
 * }</pre>
 */
public final class CheckReport {

  /** The outcome of one item. */
  public enum Status {
    /** The requirement is met. */
    PASS,
    /** Works, but something deserves attention (PostgreSQL 12, spaces around the password...). */
    WARN,
    /** A blocker: syncing will fail until it is fixed. */
    FAIL,
    /** Not checked, because an earlier item failed or it does not apply. */
    SKIPPED
  }

  /**
   * One line of the checklist.
   *
   * @param id a stable, machine-readable name such as {@code "temporary"}
   * @param title what was checked, e.g. "TEMPORARY on database \"analytics\""
   * @param status the outcome
   * @param explanation plain-language detail: what was found and what to do
   * @param fixSql the SQL an administrator runs to fix it, when it is a missing privilege
   */
  public record Item(String id, String title, Status status, String explanation, Optional<String> fixSql) {
    /** Checks that no part is null. */
    public Item {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(explanation, "explanation");
      Objects.requireNonNull(fixSql, "fixSql");
    }
  }

  private final List<Item> items;

  private CheckReport(List<Item> items) {
    this.items = List.copyOf(items);
  }

  /** A report of these items, in order. */
  public static CheckReport of(List<Item> items) {
    return new CheckReport(items);
  }

  /** Every item, in checklist order. */
  public List<Item> items() {
    return items;
  }

  /** The item with this id, if it was part of the report. */
  public Optional<Item> item(String id) {
    return items.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /** True when no item failed: the destination can be synced to. */
  public boolean isReady() {
    return items.stream().noneMatch(i -> i.status() == Status.FAIL);
  }

  /** The first failed item, if any: the one to fix first. */
  public Optional<Item> firstFailure() {
    return items.stream().filter(i -> i.status() == Status.FAIL).findFirst();
  }

  /** A readable multi-line rendering, one item per line with its explanation and fix. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("pgdest destination check: ").append(isReady() ? "READY" : "NOT READY").append('\n');
    for (Item item : items) {
      out.append(String.format("  [%-7s] %s%n", item.status(), item.title()));
      if (!item.explanation().isEmpty()) {
        out.append("            ").append(item.explanation().replace("\n", "\n            ")).append('\n');
      }
      item.fixSql().ifPresent(sql -> out.append("            fix: ").append(sql).append('\n'));
    }
    return out.toString();
  }

  /** Same as {@link #render()}. */
  @Override
  public String toString() {
    return render();
  }
}
