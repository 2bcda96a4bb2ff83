package dev.pgdest.it.testkit;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.ConnectionException;
import dev.pgdest.Destination;
import dev.pgdest.testkit.FaultProxy;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.TestDestinations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy between pgjdbc (and a Destination) and a real server. */
@PgdestTest
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FaultProxyIT {

  static TestDestination dest;
  static FaultProxy proxy;
  static PostgresServer viaProxy;

  @BeforeAll
  static void startProxy() {
    proxy = FaultProxy.start(dest.server());
    viaProxy = proxy.asServer(dest.server());
    dest.execute("CREATE TABLE public.events (id bigint, payload text)");
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void heal() {
    proxy.heal().cutAll();
    dest.execute("TRUNCATE public.events");
  }

  @Test
  void cutAllBreaksOpenSessionsAndNewOnesWork() throws SQLException {
    try (Connection c = connect(0)) {
      assertThat(selectOne(c)).isEqualTo(1);
      proxy.cutAll();
      assertThatThrownBy(() -> selectOne(c)).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).as("connection failure class").startsWith("08"));
    }
    try (Connection c = connect(0)) {
      assertThat(selectOne(c)).isEqualTo(1);
    }
    assertThat(proxy.connectionsCut()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aCutInTheMiddleOfATransactionLeavesNothingBehind() throws SQLException {
    try (Connection c = connect(0)) {
      c.setAutoCommit(false);
      long cutBefore = proxy.connectionsCut();
      proxy.cutAfterBytes(64 * 1024);
      assertThatThrownBy(() -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO public.events VALUES (?, ?)")) {
          for (int i = 0; i < 10_000; i++) {
            ps.setLong(1, i);
            ps.setString(2, "x".repeat(100));
            ps.addBatch();
          }
          ps.executeBatch();
          c.commit();
        }
      }).isInstanceOf(SQLException.class);
      assertThat(proxy.connectionsCut() - cutBefore).isEqualTo(1);
    }
    assertThat(dest.queryValue("SELECT count(*) FROM public.events")).as("rows after the cut").isEqualTo(0L);
  }

  @Test
  void aBlackHoleEndsInTheClientsSocketTimeout() throws SQLException {
    try (Connection c = connect(1)) {
      assertThat(selectOne(c)).isEqualTo(1);
      proxy.blackHole(true);
      long start = System.nanoTime();
      assertThatThrownBy(() -> selectOne(c)).isInstanceOf(SQLException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
    assertThat(proxy.bytesDropped()).isPositive();
  }

  @Test
  void latencySlowsEveryRoundTrip() throws SQLException {
    try (Connection c = connect(0)) {
      proxy.latency(Duration.ofMillis(100));
      long start = System.nanoTime();
      selectOne(c);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void refusedConnectionsSurfaceAsConnectionExceptionsUntilHealed() {
    proxy.refuseNewConnections(true);
    try (Destination d = Destination.open(TestDestinations.adminConfig(viaProxy, dest.database(), "faults")
        .connectTimeout(Duration.ofSeconds(1)).build())) {
      assertThatThrownBy(d::ensureSchema).isInstanceOf(ConnectionException.class);
      proxy.refuseNewConnections(false);
      d.ensureSchema();
    }
    assertThat(dest.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'faults'")).isEqualTo(1L);
  }

  private static Connection connect(int socketTimeoutSeconds) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", viaProxy.superuser());
    p.setProperty("password", viaProxy.superuserPassword());
    p.setProperty("sslmode", "disable");
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
    return DriverManager.getConnection(viaProxy.jdbcUrl(dest.database()), p);
  }

  private static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
