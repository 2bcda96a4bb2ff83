package dev.pgdest.bench;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.SyncSession;
import dev.pgdest.TableChanges;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a sync session costs over plain writers: one session upserting {@code rows} changes over
 * two tables and committing them with a checkpoint, against two {@code TableWriter} UPSERT loads
 * of the same rows, on one embedded PostgreSQL 17. Both start from the same state (each table
 * holding version A of its rows, every row then changed to version B) after a {@code CHECKPOINT};
 * the two run alternately, first one then the other, and the report gives the median, the range
 * and the ratio per round. Target: the session within 1.15x of the writers. Usage:
 * {@code SyncBenchmark [rows] [runs]}; see README.md.
 */
public final class SyncBenchmark {
  private static final List<String> TABLES = List.of("sync_a", "sync_b");
  private static final double TARGET = 1.15;

  private final EmbeddedPostgresServer server;
  private final Destination dest;
  private final int rows;
  private final Object[][] versionA;
  private final Object[][] versionB;

  private SyncBenchmark(EmbeddedPostgresServer server, Destination dest, int rows) {
    this.server = server;
    this.dest = dest;
    this.rows = rows;
    this.versionA = Rows.generate(rows / TABLES.size(), 0);
    this.versionB = Rows.generate(rows / TABLES.size(), 1);
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 && !args[1].isBlank() ? Integer.parseInt(args[1]) : 5;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().majorVersion(17)
        .setting("max_wal_size", "8GB").setting("min_wal_size", "8GB").setting("shared_buffers", "512MB")
        .setting("checkpoint_timeout", "30min").setting("autovacuum", "off")
        .start()) {
      server.createDatabase("bench");
      DestinationConfig config = DestinationConfig.builder().host(server.host()).port(server.port()).database("bench")
          .schema("bench").username(server.superuser()).password(server.superuserPassword()).sslMode(SslMode.DISABLE)
          .build();
      try (Destination dest = Destination.open(config)) {
        dest.ensureSchema();
        new SyncBenchmark(server, dest, rows).run(runs);
      }
    }
  }

  private void run(int runs) throws Exception {
    System.out.printf("%,d upserts over %d tables, PostgreSQL 17 (embedded), %d round(s)%n", rows, TABLES.size(), runs);
    seedTables();
    // Warm-up at full size: the JIT, the merge path and the WAL the rounds reuse.
    reset();
    writers();
    reset();
    session(0);
    List<Double> writer = new ArrayList<>();
    List<Double> session = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= runs; round++) {
      boolean sessionFirst = round % 2 == 0; // neither always runs on the server the other just warmed
      double w = 0;
      double s = 0;
      for (int leg = 0; leg < 2; leg++) {
        reset();
        if ((leg == 0) == sessionFirst) {
          s = session(round);
        } else {
          w = writers();
        }
      }
      writer.add(w);
      session.add(s);
      ratios.add(s / w);
      System.out.printf("round %d: writers %.2f s, session %.2f s, ratio %.3f%n", round, w, s, s / w);
    }
    double ratio = median(session) / median(writer);
    System.out.printf("%n%-40s %8s %16s %10s%n", "", "seconds", "min..max", "rows/s");
    line("2 x TableWriter UPSERT", writer);
    line("SyncSession, 2 tables + commit", session);
    System.out.printf("%nsession / writers: %.3f (per round %.3f..%.3f), target <= %.2f: %s%n", ratio,
        Collections.min(ratios), Collections.max(ratios), TARGET, ratio <= TARGET ? "met" : "NOT met");
  }

  private double writers() {
    long start = System.nanoTime();
    for (String table : TABLES) {
      try (TableWriter w = dest.writer(Rows.spec(table), WriteMode.UPSERT)) {
        for (Object[] row : versionB) {
          w.write(Rows.values(row));
        }
        w.commit();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private double session(int round) {
    long start = System.nanoTime();
    try (SyncSession sync = dest.openSync("bench")) {
      sync.claim("source");
      List<TableChanges> tables = new ArrayList<>();
      for (String table : TABLES) {
        tables.add(sync.table(Rows.spec(table)));
      }
      for (TableChanges t : tables) {
        for (Object[] row : versionB) {
          t.upsert(Rows.values(row));
        }
      }
      sync.commit(Map.of("source", "round-" + round));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seed copies of version A, from which each leg's tables are reset server-side. */
  private void seedTables() throws Exception {
    for (String table : TABLES) {
      try (TableWriter w = dest.writer(Rows.spec(table + "_seed"), WriteMode.APPEND)) {
        for (Object[] row : versionA) {
          w.write(Rows.values(row));
        }
        w.commit();
      }
      TableSpec spec = Rows.spec(table);
      try (TableWriter w = dest.writer(spec, WriteMode.APPEND)) {
        w.commit(); // creates the table as pgdest would
      }
    }
  }

  private void reset() throws Exception {
    try (Connection c = admin(); Statement st = c.createStatement()) {
      for (String table : TABLES) {
        st.execute("TRUNCATE bench." + table);
        st.execute("INSERT INTO bench." + table + " SELECT * FROM bench." + table + "_seed");
        st.execute("VACUUM ANALYZE bench." + table);
      }
      st.execute("CHECKPOINT");
    }
  }

  private Connection admin() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", server.superuser());
    p.setProperty("password", server.superuserPassword());
    return DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port() + "/bench", p);
  }

  private void line(String name, List<Double> seconds) {
    System.out.printf("%-40s %8.2f %7.2f..%-7.2f %,10.0f%n", name, median(seconds), Collections.min(seconds),
        Collections.max(seconds), rows / median(seconds));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
