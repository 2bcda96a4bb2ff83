package dev.pgdest.micrometer;

import dev.pgdest.spi.DestinationObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Micrometer meters for one pgdest destination: a {@link DestinationObserver} that counts what
 * every writer lands, per table, and hands the registry to HikariCP for the pool's own meters.
 * Thread-safe; one instance per destination (or shared, with tags telling destinations apart).
 *
 * <p>Meters, each tagged {@code table} (plus the tags given to {@link #of(MeterRegistry, Iterable)}):
 * <ul>
 *   <li>{@value MeterNames#ROWS} (counter), tagged {@code operation} = {@code staged},
 *       {@code inserted}, {@code updated} or {@code deleted}
 *   <li>{@value MeterNames#BYTES} (counter, bytes of COPY data sent, replays included)
 *   <li>{@value MeterNames#BATCHES} (counter, batches committed)
 *   <li>{@value MeterNames#RETRIES} (counter, batch replays after passing faults)
 *   <li>{@value MeterNames#REJECTS} (counter, rows refused before they reached the server)
 *   <li>{@value MeterNames#SANITIZED} (counter, values changed by the NUL policy)
 *   <li>{@value MeterNames#PHASE} (timer per batch), tagged {@code phase} = {@code schema},
 *       {@code copy}, {@code merge} or {@code commit}
 * </ul>
 * and HikariCP's {@code hikaricp.connections*} meters, tagged {@code pool}.
 *
 * <pre>{@code
 * MeterRegistry registry = ...;   // your application's
 * DestinationConfig config = DestinationConfig.builder()
 *     .host("db.example.com").database("analytics").schema("acme_sync").username("pgdest_writer")
 *     .observer(PgdestMetrics.of(registry, Tags.of("destination", "acme")))
 *     .build();
 * }</pre>
 */
public final class PgdestMetrics implements DestinationObserver {

  private final MeterRegistry registry;
  private final Tags tags;

  private PgdestMetrics(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
  }

  /** Meters in {@code registry}, with no tag beyond {@code table}. */
  public static PgdestMetrics of(MeterRegistry registry) {
    return of(registry, Tags.empty());
  }

  /** Meters in {@code registry}, each also carrying {@code tags} (for example the destination's name). */
  public static PgdestMetrics of(MeterRegistry registry, Iterable<Tag> tags) {
    Objects.requireNonNull(registry, "registry");
    return new PgdestMetrics(registry, Tags.of(Objects.requireNonNull(tags, "tags")));
  }

  @Override
  public void batchCommitted(String table, Map<String, Long> counts, Map<String, Duration> phaseTimes) {
    Tags t = tags.and("table", table);
    rows(t, "staged", counts.get(ROWS_STAGED));
    rows(t, "inserted", counts.get(ROWS_INSERTED));
    rows(t, "updated", counts.get(ROWS_UPDATED));
    rows(t, "deleted", counts.get(ROWS_DELETED));
    increment(counter(MeterNames.BYTES, "bytes", t, "COPY data sent, replays included"), counts.get(BYTES_SENT));
    increment(counter(MeterNames.SANITIZED, null, t, "values changed by the NUL policy"), counts.get(VALUES_SANITIZED));
    counter(MeterNames.BATCHES, null, t, "batches committed").increment();
    phaseTimes.forEach((phase, time) -> Timer.builder(MeterNames.PHASE).tags(t.and("phase", phase))
        .description("time per batch in each phase of the write path").register(registry).record(time));
  }

  @Override
  public void batchRetrying(String table, int attempt, Optional<String> sqlState) {
    counter(MeterNames.RETRIES, null, tags.and("table", table), "batch replays after passing faults").increment();
  }

  @Override
  public void rowRejected(String table, String reason) {
    counter(MeterNames.REJECTS, null, tags.and("table", table), "rows refused before they reached the server")
        .increment();
  }

  /** The registry, for HikariCP's Micrometer tracker: pool meters come with the destination. */
  @Override
  public Optional<Object> poolMetricRegistry() {
    return Optional.of(registry);
  }

  private void rows(Tags t, String operation, Long n) {
    increment(counter(MeterNames.ROWS, "rows", t.and("operation", operation), "rows written, by operation"), n);
  }

  private Counter counter(String name, String unit, Tags t, String description) {
    return Counter.builder(name).baseUnit(unit).tags(t).description(description).register(registry);
  }

  private static void increment(Counter counter, Long n) {
    if (n != null && n > 0) {
      counter.increment(n);
    }
  }
}
