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
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Loads the same generated rows into one embedded PostgreSQL 17, side by side: pgdest against the
 * server's own binary COPY from a file (the physical limit), COPY-into-TEMP plus ON CONFLICT
 * scripts, PgBulkInsert, pgjdbc batches and psql's \copy. The loaders compared with each other
 * run in rounds, in a rotating order, and the report gives medians. See README.md. Usage:
 * {@code LoadBenchmark [rows] [runs] [only]}, {@code only} a comma-separated list of name parts.
 */
public final class LoadBenchmark {
  private static final String T = "bench.t";

  private record Sample(double seconds, double serverCpu, double cpuNsPerRow, double bytesPerRow) {}

  private record Case(String name, Step setup, Step body) {}

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private final int rows;
  private final int runs;
  private final List<String> only;
  private final EmbeddedPostgresServer server;
  private final Destination dest;
  private final int batchRows;
  private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
  private Object[][] peerA;
  private Object[][] a;
  private Object[][] b;
  private final Path dir;
  private final Path csvA;
  private List<Path> filesA;
  private List<Path> filesB;
  private ServerCpu serverCpu;

  private LoadBenchmark(int rows, int runs, List<String> only, EmbeddedPostgresServer server, Destination dest,
      int batchRows) {
    this.rows = rows;
    this.runs = runs;
    this.only = only;
    this.server = server;
    this.dest = dest;
    this.batchRows = batchRows;
    try {
      // The server may run under another account: it must be able to read and write the files.
      this.dir = Files.createTempDirectory("pgdest-bench");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    this.csvA = dir.resolve("a.csv");
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> only = args.length > 2 && !args[2].isBlank() ? List.of(args[2].split(",")) : List.of();
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().majorVersion(17)
        .setting("max_wal_size", "8GB").setting("shared_buffers", "512MB").setting("checkpoint_timeout", "30min")
        .setting("min_wal_size", "8GB").setting("autovacuum", "off")
        .start()) {
      server.createDatabase("bench");
      DestinationConfig config = DestinationConfig.builder().host(server.host()).port(server.port()).database("bench")
          .schema("bench").username(server.superuser()).password(server.superuserPassword()).sslMode(SslMode.DISABLE)
          .build();
      try (Destination dest = Destination.open(config)) {
        dest.ensureSchema();
        LoadBenchmark bench = new LoadBenchmark(rows, runs, only, server, dest, config.batchRows());
        try {
          bench.run();
        } finally {
          bench.cleanUp();
        }
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
    try (Connection c = adminConnection(); Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      serverCpu = ServerCpu.of(rs.getLong(1));
    }
    // Warm the JIT and write the files the server-side COPYs read: whole and cut into batches.
    List<Path> wholeA = List.of(dir.resolve("a.bin"));
    List<Path> wholeB = List.of(dir.resolve("b.bin"));
    for (Object[][] version : List.of(b, a)) {
      recreate();
      pgdest(version, WriteMode.APPEND);
      String v = version == a ? "a" : "b";
      export("SELECT * FROM " + T + " ORDER BY id", dir.resolve(v + ".bin"));
      List<Path> files = new ArrayList<>();
      for (int from = 0; from < rows; from += batchRows) {
        Path f = dir.resolve(v + "-" + from + ".bin");
        export("SELECT * FROM " + T + " WHERE id > " + from + " AND id <= " + (from + batchRows) + " ORDER BY id", f);
        files.add(f);
      }
      if (version == a) {
        filesA = files;
      } else {
        filesB = files;
      }
    }
    // A full-size merge: warms the merge path and grows the WAL to the size the runs reuse.
    pgdest(b, WriteMode.UPSERT);
    recreate();
    Peers.pgBulkInsert(adminConnection(), "bench", "t", peerA);

    String perBatch = String.format(" per batch of %,d", batchRows);
    rounds(
        new Case("pgdest APPEND", this::recreate, () -> pgdest(a, WriteMode.APPEND)),
        new Case("server COPY FROM file (binary)", () -> recreate(wholeA), () -> serverCopy(wholeA)),
        new Case("server COPY FROM file (binary)" + perBatch, () -> recreate(filesA), () -> serverCopy(filesA)),
        new Case("PgBulkInsert 8.1.4", this::recreate, () -> {
          try (Connection c = adminConnection()) {
            Peers.pgBulkInsert(c, "bench", "t", peerA);
          }
        }),
        hasPsql() ? new Case("psql \\copy CSV", () -> recreate(List.of(csvA)), this::psqlCopy) : null);
    // The empty-target pgdest run creates the table itself, as a first sync does.
    rounds(
        new Case("pgdest UPSERT, empty target", () -> admin("DROP TABLE IF EXISTS " + T),
            () -> pgdest(a, WriteMode.UPSERT)),
        new Case("script UPSERT, empty target", () -> recreate(wholeA), () -> script(wholeA, Scripts.Variant.PLAIN)),
        new Case("script UPSERT" + perBatch + ", empty target", () -> recreate(filesA),
            () -> script(filesA, Scripts.Variant.PLAIN)));
    for (String c : List.of("all keys changed", "all keys unchanged")) {
      boolean changed = c.endsWith(" changed");
      Object[][] data = changed ? b : a;
      List<Path> whole = changed ? wholeB : wholeA;
      List<Path> files = changed ? filesB : filesA;
      List<Case> cases = new ArrayList<>(List.of(
          new Case("pgdest UPSERT, " + c, this::loaded, () -> pgdest(data, WriteMode.UPSERT)),
          new Case("script UPSERT, " + c, () -> loaded(whole), () -> script(whole, Scripts.Variant.PLAIN)),
          new Case("script UPSERT" + perBatch + ", " + c, () -> loaded(files),
              () -> script(files, Scripts.Variant.PLAIN))));
      // Variants of the per-batch script that each change one thing, to find what costs.
      for (Scripts.Variant v : Scripts.Variant.values()) {
        if (changed && v != Scripts.Variant.PLAIN) {
          cases.add(new Case("variant script" + perBatch + " " + v + ", " + c, () -> loaded(files),
              () -> script(files, v)));
        }
      }
      rounds(cases.toArray(new Case[0]));
    }
    // pgjdbc's batches are far behind and slow to run: once each, for scale only.
    once(new Case("pgjdbc batch INSERT (reWriteBatchedInserts)", this::recreate, () -> {
      try (Connection c = batchConnection()) {
        Peers.jdbcBatches(c, T, peerA, false);
      }
    }));
    once(new Case("pgjdbc batch INSERT ON CONFLICT, all keys changed", this::loaded, () -> {
      try (Connection c = batchConnection()) {
        Peers.jdbcBatches(c, T, peerB, true);
      }
    }));
    report();
  }

  private void cleanUp() throws java.io.IOException {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }

  private static Object[][] nine(Object[][] rows) {
    Object[][] out = new Object[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = Arrays.copyOf(rows[i], 9);
    }
    return out;
  }

  private void pgdest(Object[][] data, WriteMode mode) {
    try (TableWriter w = dest.writer(Rows.spec("t"), mode)) {
      for (Object[] r : data) {
        w.write(r);
      }
      WriteResult r = w.commit();
      System.out.printf("    pgdest phases: schema %d ms, copy %d ms, merge %d ms, commit %d ms, %d batches,"
          + " %d inserted, %d updated%n", r.schemaTime().toMillis(), r.copyTime().toMillis(), r.mergeTime().toMillis(),
          r.commitTime().toMillis(), r.batches(), r.rowsInserted(), r.rowsUpdated());
    }
  }

  /**
   * Reads the files so that they are in the operating system's cache when a server-side COPY
   * reads them, as pgdest's rows are in memory: else a COPY could wait on the disk.
   */
  private static void cache(List<Path> files) throws Exception {
    byte[] buffer = new byte[1 << 20];
    for (Path f : files) {
      try (var in = Files.newInputStream(f)) {
        while (in.read(buffer) >= 0) {
          // just reading
        }
      }
    }
  }

  private void serverCopy(List<Path> files) throws Exception {
    try (Connection c = adminConnection(); Statement st = c.createStatement()) {
      for (Path f : files) {
        st.execute("COPY " + T + " FROM " + Scripts.literal(f) + " (FORMAT binary)");
      }
    }
  }

  private void script(List<Path> files, Scripts.Variant v) throws Exception {
    try (Connection c = adminConnection()) {
      Scripts.run(c, T, files, v);
    }
  }

  private void export(String query, Path file) throws Exception {
    Files.deleteIfExists(file);
    admin("COPY (" + query + ") TO " + Scripts.literal(file) + " (FORMAT binary)");
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

  /** An empty target, and the files the run reads in the cache. */
  private void recreate(List<Path> files) throws Exception {
    recreate();
    cache(files);
  }

  /** The target holding version A, loaded by the server, vacuumed and analyzed as a settled table is. */
  private void loaded() throws Exception {
    recreate();
    serverCopy(List.of(dir.resolve("a.bin")));
    admin("VACUUM (ANALYZE) " + T);
  }

  private void loaded(List<Path> files) throws Exception {
    loaded();
    cache(files);
  }

  /**
   * Runs the cases {@code runs} times each, round by round, starting each round one case later so
   * that no loader always runs first or right after the same other loader.
   */
  private void rounds(Case... all) throws Exception {
    List<Case> cases = new ArrayList<>();
    for (Case c : all) {
      if (c != null && selected(c.name())) {
        cases.add(c);
      }
    }
    for (int round = 0; round < runs; round++) {
      for (int i = 0; i < cases.size(); i++) {
        once(cases.get((round + i) % cases.size()));
      }
    }
  }

  /**
   * Whether {@code only} selects the case: a name part selects, a name part after "-" excludes.
   * The variants run only when asked for by a part of their name.
   */
  private boolean selected(String name) {
    if (only.stream().anyMatch(o -> o.startsWith("-") && name.contains(o.substring(1)))) {
      return false;
    }
    List<String> wanted = only.stream().filter(o -> !o.startsWith("-")).toList();
    if (name.startsWith("variant") && wanted.stream().noneMatch(o -> o.contains("variant"))) {
      return false;
    }
    return wanted.isEmpty() || wanted.stream().anyMatch(name::contains);
  }

  private void once(Case c) throws Exception {
    if (!selected(c.name())) {
      return;
    }
    c.setup().run();
    admin("CHECKPOINT");
    System.gc();
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long alloc0 = mx.getThreadAllocatedBytes(tid);
    long cpu0 = mx.getCurrentThreadCpuTime();
    double server0 = serverCpu == null ? Double.NaN : serverCpu.seconds();
    long t0 = System.nanoTime();
    c.body().run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double server = serverCpu == null ? Double.NaN : serverCpu.seconds() - server0;
    Sample s = new Sample(seconds, server, (double) (mx.getCurrentThreadCpuTime() - cpu0) / rows,
        (double) (mx.getThreadAllocatedBytes(tid) - alloc0) / rows);
    System.out.printf("  %-70s %7.2f s, server CPU %6.2f s%n", c.name(), seconds, server);
    samples.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(s);
  }

  private static double median(List<Sample> list, java.util.function.ToDoubleFunction<Sample> f) {
    double[] v = list.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private double seconds(String name) {
    List<Sample> list = samples.get(name);
    return list == null ? Double.NaN : median(list, Sample::seconds);
  }

  private void report() {
    System.out.printf("%n%,d rows, PostgreSQL 17 (embedded), median of %d run(s); pgdest batches of %,d rows%n", rows,
        runs, batchRows);
    System.out.printf("%-70s %10s %8s %15s %10s %13s %9s%n", "loader", "rows/s", "seconds", "min..max",
        "server CPU", "client ns/row", "bytes/row");
    for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
      List<Sample> l = e.getValue();
      double s = median(l, Sample::seconds);
      double min = l.stream().mapToDouble(Sample::seconds).min().orElse(0);
      double max = l.stream().mapToDouble(Sample::seconds).max().orElse(0);
      System.out.printf("%-70s %,10.0f %8.2f %7.2f..%-7.2f %10.2f %13.0f %9.0f%n", e.getKey(), rows / s, s, min, max,
          median(l, Sample::serverCpu), median(l, Sample::cpuNsPerRow), median(l, Sample::bytesPerRow));
    }
    System.out.printf("%nRatios of median wall times, and of median server CPU times (below 1 = first one faster):%n");
    String perBatch = String.format(" per batch of %,d", batchRows);
    for (String peer : samples.keySet()) {
      if (!peer.startsWith("pgdest") && !peer.startsWith("variant") && !peer.contains("UPSERT")
          && !peer.contains("ON CONFLICT")) {
        String target = peer.equals("server COPY FROM file (binary)") ? "   target <= 1.25"
            : peer.startsWith("PgBulkInsert") ? "   target <= 1.00" : "";
        ratio("pgdest APPEND", peer, target);
      }
    }
    for (String c : List.of("empty target", "all keys changed", "all keys unchanged")) {
      ratio("pgdest UPSERT, " + c, "script UPSERT, " + c, "   target <= 1.15");
      ratio("pgdest UPSERT, " + c, "script UPSERT" + perBatch + ", " + c, "");
    }
    ratio("pgdest UPSERT, all keys changed", "pgjdbc batch INSERT ON CONFLICT, all keys changed", "");
    String plain = "script UPSERT" + perBatch + ", all keys changed";
    for (String v : samples.keySet()) {
      if (v.startsWith("variant")) {
        ratio(v, plain, "");
      }
    }
  }

  private void ratio(String x, String y, String target) {
    double r = seconds(x) / seconds(y);
    if (!Double.isNaN(r)) {
      double cpu = median(samples.get(x), Sample::serverCpu) / median(samples.get(y), Sample::serverCpu);
      System.out.printf("%-60s / %-70s = %.2fx (server CPU %.2fx)%s%n", x, y, r, cpu, target);
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
}
