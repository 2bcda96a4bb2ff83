package dev.pgdest.bench;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Loads the same generated rows into one embedded PostgreSQL 17, side by side: pgdest against the
 * server's own binary COPY from a file (the physical limit), COPY-into-TEMP plus ON CONFLICT
 * scripts, PgBulkInsert, pgjdbc batches and psql's \copy. Prints rows/s, pgdest's time ratios,
 * and client CPU ns and allocated bytes per row. Usage: {@code LoadBenchmark [rows] [runs]}.
 */
public final class LoadBenchmark {
  private static final String T = "bench.t";

  private record Result(String name, double seconds, double cpuNsPerRow, double bytesPerRow) {}

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private static String only = "";
  private final int rows;
  private final int runs;
  private final EmbeddedPostgresServer server;
  private final Destination dest;
  private final Map<String, Result> results = new LinkedHashMap<>();
  private Object[][] peerA;
  private Object[][] a;
  private Object[][] b;
  private final Path fileA = Path.of(System.getProperty("java.io.tmpdir"), "pgdest-bench-a.bin");
  private final Path fileB = Path.of(System.getProperty("java.io.tmpdir"), "pgdest-bench-b.bin");
  private final Path csvA = Path.of(System.getProperty("java.io.tmpdir"), "pgdest-bench-a.csv");

  private LoadBenchmark(int rows, int runs, EmbeddedPostgresServer server, Destination dest) {
    this.rows = rows;
    this.runs = runs;
    this.server = server;
    this.dest = dest;
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    only = args.length > 2 ? args[2] : "";
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().majorVersion(17)
        .setting("max_wal_size", "8GB").setting("shared_buffers", "512MB").setting("checkpoint_timeout", "30min")
        .start()) {
      server.createDatabase("bench");
      DestinationConfig config = DestinationConfig.builder().host(server.host()).port(server.port()).database("bench")
          .schema("bench").username(server.superuser()).password(server.superuserPassword()).sslMode(SslMode.DISABLE)
          .build();
      try (Destination dest = Destination.open(config)) {
        dest.ensureSchema();
        new LoadBenchmark(rows, runs, server, dest).run();
      }
    }
  }

  private void run() throws Exception {
    System.out.printf("Generating %,d rows x 2 versions...%n", rows);
    peerA = Rows.generate(rows, 0);
    Object[][] peerB = Rows.generate(rows, 1);
    a = nine(peerA);
    b = nine(peerB);
    Rows.writeCsv(peerA, csvA);
    // Warm the JIT and make the binary files the server-side COPY cases read.
    for (Object[][] version : List.of(b, a)) {
      recreate();
      pgdest(version, WriteMode.APPEND);
      Path file = version == a ? fileA : fileB;
      Files.deleteIfExists(file);
      admin("COPY " + T + " TO " + literal(file) + " (FORMAT binary)");
    }
    recreate();
    Peers.pgBulkInsert(adminConnection(), "bench", "t", peerA);

    measure("pgdest APPEND", this::recreate, () -> pgdest(a, WriteMode.APPEND));
    measure("server COPY FROM file (binary)", this::recreate, () -> admin("COPY " + T + " FROM " + literal(fileA)
        + " (FORMAT binary)"));
    measure("PgBulkInsert 8.1.4", this::recreate, () -> {
      try (Connection c = adminConnection()) {
        Peers.pgBulkInsert(c, "bench", "t", peerA);
      }
    });
    if (hasPsql()) {
      measure("psql \\copy CSV", this::recreate, this::psqlCopy);
    }
    measure("pgdest UPSERT, empty target", () -> admin("DROP TABLE IF EXISTS " + T), () -> pgdest(a, WriteMode.UPSERT));
    measure("script UPSERT, empty target", this::recreate, () -> script(fileA));
    measure("pgdest UPSERT, all keys changed", () -> loaded(fileA), () -> pgdest(b, WriteMode.UPSERT));
    measure("script UPSERT, all keys changed", () -> loaded(fileA), () -> script(fileB));
    measure("pgdest UPSERT, all keys unchanged", () -> loaded(fileA), () -> pgdest(a, WriteMode.UPSERT));
    measure("script UPSERT, all keys unchanged", () -> loaded(fileA), () -> script(fileA));
    measureOnce("pgjdbc batch INSERT (reWriteBatchedInserts)", this::recreate, () -> {
      try (Connection c = batchConnection()) {
        Peers.jdbcBatches(c, T, peerA, false);
      }
    });
    measureOnce("pgjdbc batch INSERT ON CONFLICT, all keys changed", () -> loaded(fileA), () -> {
      try (Connection c = batchConnection()) {
        Peers.jdbcBatches(c, T, peerB, true);
      }
    });
    report();
  }

  private static Object[][] nine(Object[][] rows) {
    Object[][] out = new Object[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = java.util.Arrays.copyOf(rows[i], 9);
    }
    return out;
  }

  private void pgdest(Object[][] data, WriteMode mode) {
    try (TableWriter w = dest.writer(Rows.spec("t"), mode)) {
      for (Object[] r : data) {
        w.write(r);
      }
      WriteResult r = w.commit();
      System.out.printf("    pgdest phases: schema %d ms, copy %d ms, merge %d ms, commit %d ms, %d batches%n",
          r.schemaTime().toMillis(), r.copyTime().toMillis(), r.mergeTime().toMillis(), r.commitTime().toMillis(),
          r.batches());
    }
  }

  private void script(Path file) throws Exception {
    try (Connection c = adminConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("CREATE TEMP TABLE s (LIKE " + T + ") ON COMMIT DROP");
      st.execute("COPY s FROM " + literal(file) + " (FORMAT binary)");
      st.execute("INSERT INTO " + T + " AS t SELECT * FROM s ON CONFLICT (id) DO UPDATE SET uid = EXCLUDED.uid,"
          + " name = EXCLUDED.name, email = EXCLUDED.email, at = EXCLUDED.at, amount = EXCLUDED.amount,"
          + " active = EXCLUDED.active, doc = EXCLUDED.doc, score = EXCLUDED.score"
          + " WHERE (t.uid, t.name, t.email, t.at, t.amount, t.active, t.doc, t.score) IS DISTINCT FROM"
          + " (EXCLUDED.uid, EXCLUDED.name, EXCLUDED.email, EXCLUDED.at, EXCLUDED.amount, EXCLUDED.active,"
          + " EXCLUDED.doc, EXCLUDED.score)");
      c.commit();
    }
  }

  private void psqlCopy() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.host(), "-p",
        String.valueOf(server.port()), "-U", server.superuser(), "-d", "bench", "-c",
        "\\copy " + T + " FROM '" + csvA + "' WITH (FORMAT csv)");
    pb.environment().put("PGPASSWORD", server.superuserPassword());
    pb.inheritIO();
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("psql \\copy failed");
    }
  }

  private static boolean hasPsql() {
    try {
      return new ProcessBuilder("psql", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private void recreate() throws Exception {
    admin("DROP TABLE IF EXISTS " + T);
    admin(Rows.ddl(T));
  }

  private void loaded(Path file) throws Exception {
    recreate();
    admin("COPY " + T + " FROM " + literal(file) + " (FORMAT binary)");
    admin("VACUUM (ANALYZE) " + T);
  }

  private void measure(String name, Step setup, Step body) throws Exception {
    for (int i = 0; i < runs; i++) {
      once(name, setup, body);
    }
  }

  private void measureOnce(String name, Step setup, Step body) throws Exception {
    once(name, setup, body);
  }

  private void once(String name, Step setup, Step body) throws Exception {
    if (!name.contains(only)) {
      return;
    }
    setup.run();
    admin("CHECKPOINT");
    System.gc();
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long alloc0 = mx.getThreadAllocatedBytes(tid);
    long cpu0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    body.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Result r = new Result(name, seconds, (double) (mx.getCurrentThreadCpuTime() - cpu0) / rows,
        (double) (mx.getThreadAllocatedBytes(tid) - alloc0) / rows);
    System.out.printf("  %-52s %7.2f s%n", name, seconds);
    results.merge(name, r, (x, y) -> x.seconds() <= y.seconds() ? x : y);
  }

  private void report() {
    System.out.printf("%n%,d rows, PostgreSQL 17 (embedded), best of %d run(s)%n", rows, runs);
    System.out.printf("%-52s %12s %9s %12s %12s%n", "loader", "rows/s", "seconds", "client ns/row", "bytes/row");
    for (Result r : results.values()) {
      System.out.printf("%-52s %,12.0f %9.2f %12.0f %12.0f%n", r.name(), rows / r.seconds(), r.seconds(),
          r.cpuNsPerRow(), r.bytesPerRow());
    }
    System.out.println();
    List<String[]> pairs = new ArrayList<>();
    for (String peer : results.keySet()) {
      if (!peer.startsWith("pgdest") && !peer.contains("UPSERT") && !peer.contains("ON CONFLICT")) {
        pairs.add(new String[] {"pgdest APPEND", peer});
      }
    }
    for (String c : List.of("empty target", "all keys changed", "all keys unchanged")) {
      pairs.add(new String[] {"pgdest UPSERT, " + c, "script UPSERT, " + c});
    }
    pairs.add(new String[] {"pgdest UPSERT, all keys changed", "pgjdbc batch INSERT ON CONFLICT, all keys changed"});
    for (String[] p : pairs) {
      Result x = results.get(p[0]);
      Result y = results.get(p[1]);
      if (x != null && y != null) {
        System.out.printf("%-34s / %-50s = %.2fx time%n", p[0], p[1], x.seconds() / y.seconds());
      }
    }
  }

  private Connection adminConnection() throws Exception {
    return server.adminConnection("bench");
  }

  private Connection batchConnection() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", server.superuser());
    p.setProperty("password", server.superuserPassword());
    p.setProperty("reWriteBatchedInserts", "true");
    return DriverManager.getConnection(server.jdbcUrl("bench"), p);
  }

  private void admin(String sql) throws Exception {
    try (Connection c = adminConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static String literal(Path file) {
    return "'" + file.toString().replace("'", "''") + "'";
  }
}
