package dev.pgdest.it.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pgdest.DestinationConfig;
import dev.pgdest.internal.pool.PoolFactory;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool connects only when first used, then keeps one connection open, so a writer opened
 * after a minute of idleness does not pay for a login (issue: the pool kept no idle connection).
 */
@PgdestTest(schema = "warm")
class WarmPoolIT {
  private static TestDestination target;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void opensNothingUntilFirstUseThenKeepsOneConnectionIdle() throws Exception {
    DestinationConfig config = target.writerConfigBuilder().applicationName("pgdest-warm-pool").build();
    try (HikariDataSource pool = PoolFactory.pool(config, PoolFactory.dataSource(config, null))) {
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("connections before first use").isZero();
      assertThat(backends()).as("backends before first use").isZero();

      try (Connection c = pool.getConnection()) {
        assertThat(c.isValid(5)).isTrue();
      }

      assertThat(pool.getHikariConfigMXBean().getMinimumIdle()).as("idle connections kept after first use")
          .isEqualTo(1);
      assertThat(pool.getHikariPoolMXBean().getIdleConnections()).isGreaterThanOrEqualTo(1);
      assertThat(backends()).isGreaterThanOrEqualTo(1);
    }
  }

  private static long backends() {
    return ((Number) target.queryValue(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgdest-warm-pool'")).longValue();
  }
}
