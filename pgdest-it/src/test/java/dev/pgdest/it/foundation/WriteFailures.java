package dev.pgdest.it.foundation;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.it.support.CommitReplyRelay;
import dev.pgdest.testkit.TestDestination;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Drives the write path's failure paths with a given configuration, for the redaction test: a
 * refused JSON value, a refusal in the merge, a column retyped between batches, a writer used by two
 * threads, a COMMIT answered with FATAL 57P01 and a batch outliving the role's statement timeout.
 * Every exception goes to {@code thrown}.
 */
final class WriteFailures {
  private final TestDestination dest;
  private final Function<DestinationConfig.Builder, DestinationConfig.Builder> base;
  private final Consumer<Throwable> thrown;

  /** {@code base} fills a fresh builder with the writer's settings (host, port, user, password, ...). */
  WriteFailures(TestDestination dest, Function<DestinationConfig.Builder, DestinationConfig.Builder> base,
      Consumer<Throwable> thrown) {
    this.dest = dest;
    this.base = base;
    this.thrown = thrown;
  }

  void driveAll(String writer, String valueCanary) throws Exception {
    TableSpec json = TableSpec.builder("redacted_json").column("id", PgType.BIGINT).column("doc", PgType.JSONB)
        .primaryKey("id").build();
    attempt(config(5), w -> {
      for (long i = 1; i <= 10; i++) {
        w.write(i, i == 10 ? "{\"k\": " + valueCanary + "}" : "{}");
      }
    }, json, WriteMode.APPEND);
    TableSpec keyed = TableSpec.builder("redacted_merge").column("id", PgType.BIGINT).column("v", PgType.TEXT)
        .primaryKey("id").build();
    attempt(config(5), w -> w.write(1L, "ok"), keyed, WriteMode.APPEND);
    dest.execute("ALTER TABLE " + dest.qualified("redacted_merge") + " ADD CONSTRAINT v_known CHECK (v <> "
        + "'" + valueCanary + "')");
    attempt(config(5), w -> w.write(2L, valueCanary), keyed, WriteMode.UPSERT);
    TableSpec retyped = TableSpec.builder("redacted_retyped").column("id", PgType.BIGINT)
        .column("n", PgType.INTEGER).build();
    attempt(config(5), w -> {
      for (int i = 1; i <= 10; i++) {
        w.write((long) i, i);
        if (i == 5) {
          dest.execute("ALTER TABLE " + dest.qualified("redacted_retyped") + " ALTER COLUMN n TYPE bigint");
        }
      }
    }, retyped, WriteMode.APPEND);
    // Bounded: a writer shared by threads could hang in the driver's lock, and closing it with it.
    CompletableFuture.runAsync(() -> attempt(config(100), w -> {
      List<CompletableFuture<Void>> threads = List.of(CompletableFuture.runAsync(() -> writeMany(w, 0)),
          CompletableFuture.runAsync(() -> writeMany(w, 1_000_000)));
      for (CompletableFuture<Void> t : threads) {
        try {
          t.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          thrown.accept(e.getCause() == null ? e : e.getCause());
        }
      }
    }, keyed, WriteMode.UPSERT)).get(90, TimeUnit.SECONDS);
    try (CommitReplyRelay relay = new CommitReplyRelay(dest.server().host(), dest.server().port())) {
      relay.forgeNext("57P01");
      attempt(base.apply(DestinationConfig.builder()).host(relay.host()).port(relay.port()).batchRows(5).build(),
          w -> w.write(3L, "lost"), keyed, WriteMode.UPSERT);
    }
    dest.execute("ALTER ROLE \"" + writer.replace("\"", "\"\"") + "\" SET statement_timeout = '1s'");
    try {
      attempt(config(100), w -> {
        w.write(4L, "slow");
        Thread.sleep(1_500); // a slow source: nothing to await but the time passing
        w.write(5L, "slow");
      }, keyed, WriteMode.UPSERT);
    } finally {
      dest.execute("ALTER ROLE \"" + writer.replace("\"", "\"\"") + "\" RESET ALL");
    }
  }

  private DestinationConfig config(int batchRows) {
    return base.apply(DestinationConfig.builder()).host(dest.server().host()).port(dest.server().port())
        .batchRows(batchRows).build();
  }

  private void writeMany(TableWriter w, long base) {
    for (long i = 1; i <= 2_000; i++) {
      w.write(base + i, "t");
    }
  }

  private interface Rows {
    void write(TableWriter w) throws Exception;
  }

  /** Writes {@code rows} and commits, keeping whatever is thrown. */
  private void attempt(DestinationConfig config, Rows rows, TableSpec spec, WriteMode mode) {
    try (Destination d = Destination.open(config); TableWriter w = d.writer(spec, mode)) {
      rows.write(w);
      w.commit();
    } catch (Exception e) {
      thrown.accept(e);
    }
  }
}
