package dev.pgdest.bench;

import dev.pgdest.Destination;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import java.net.InetAddress;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Loads the same generated rows side by side, into an embedded PostgreSQL 17 (durable by default)
 * or an external server: pgdest, logged in as the setup page's restricted writer, against the
 * server's own binary COPY from a file (the physical limit), hand-written COPY-into-TEMP plus
 * ON CONFLICT scripts, rename-swap and TRUNCATE scripts for REPLACE, PgBulkInsert, pgjdbc batches
 * and psql's \copy. The loaders compared with each other run in rounds, in a rotating order; the
 * report gives medians and per-round ranges. See README.md. Usage:
 * {@code LoadBenchmark [rows] [runs] [only]}, {@code only} a comma-separated list of name parts.
 */
public final class LoadBenchmark {
  private static final String SCHEMA = "bench";
  private static final String T = SCHEMA + ".t";
  private static final String C = SCHEMA + ".c";

  /** A timed load: {@code setup} is not timed; {@code table} is the one measured afterwards. */
  record Case(String name, String table, Peers.Work setup, Peers.Work body) {
    Case(String name, Peers.Work setup, Peers.Work body) {
      this(name, T, setup, body);
    }
  }

  private final int rows;
  private final int runs;
  private final Cases select;
  private final BenchServer server;
  private final Destination dest;
  private final int batchRows;
  private final Report report = new Report();
  private final Measure measure;
  private final Path dir;
  private Object[][] peerA;
  private Object[][] a;
  private Object[][] b;
  private Object[][] compositeA;
  private Object[][] compositeB;

  private LoadBenchmark(int rows, int runs, List<String> only, BenchServer server, Destination dest) throws Exception {
    this.rows = rows;
    this.runs = runs;
    this.select = new Cases(only);
    this.server = server;
    this.dest = dest;
    this.batchRows = server.config(SCHEMA).batchRows();
    // The server may run under another account: it must be able to read and write the files.
    this.dir = java.nio.file.Files.createTempDirectory("pgdest-bench");
    java.nio.file.Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    this.measure = new Measure(server, serverCpu(server), rows);
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> only = args.length > 2 && !args[2].isBlank() ? List.of(args[2].split(",")) : List.of();
    try (BenchServer server = BenchServer.start()) {
      System.out.println(server.describe());
      try (Destination dest = server.destination(SCHEMA)) {
        dest.ensureSchema();
        LoadBenchmark bench = new LoadBenchmark(rows, runs, only, server, dest);
        try {
          bench.run();
        } finally {
          bench.cleanUp();
        }
      }
    }
  }

  /** The server's CPU meter when the server runs on this machine (its processes are in our /proc). */
  private static ServerCpu serverCpu(BenchServer server) throws Exception {
    if (!InetAddress.getByName(server.host()).isLoopbackAddress()) {
      return null;
    }
    try (Connection c = server.admin(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return ServerCpu.of(rs.getLong(1));
    }
  }

  private void run() throws Exception {
    System.out.printf("Generating %,d rows x 2 versions, and as many composite-key rows...%n", rows);
    peerA = Rows.generate(rows, 0);
    Object[][] peerB = Rows.generate(rows, 1);
    a = nine(peerA);
    b = nine(peerB);
    Object[][] sourceA = CompositeRows.generate(rows, 0);
    Object[][] sourceB = CompositeRows.generate(rows, 1);
    compositeA = columns(sourceA, CompositeRows.COLUMNS);
    compositeB = columns(sourceB, CompositeRows.COLUMNS);
    LoadFiles files = new LoadFiles(dir, rows, batchRows);
    Rows.writeCsv(peerA, files.csvA);
    warmUp(files, sourceA, sourceB);

    String perBatch = String.format(" per batch of %,d", batchRows);
    rounds(
        new Case("pgdest APPEND", this::recreate, () -> pgdest(a, WriteMode.APPEND)),
        new Case("server COPY FROM file (binary)", () -> recreate(files.wholeA), () -> serverCopy(files.wholeA)),
        new Case("server COPY FROM file (binary)" + perBatch, () -> recreate(files.batchesA),
            () -> serverCopy(files.batchesA)),
        new Case("PgBulkInsert 8.1.4", this::recreate, () -> {
          try (Connection c = server.admin()) {
            Peers.pgBulkInsert(c, SCHEMA, "t", peerA);
          }
        }),
        hasPsql() ? new Case("psql \\copy CSV", () -> recreate(List.of(files.csvA)), this::psqlCopy) : null,
        new Case("server COPY FROM file (binary), 2 connections (halves)", () -> recreate(files.halvesA),
            () -> Peers.inParallel(files.halvesA.stream().<Peers.Work>map(f -> () -> serverCopy(List.of(f))).toList())),
        new Case("PgBulkInsert 8.1.4, 2 connections (halves)", this::recreate,
            () -> Peers.inParallel(Arrays.stream(Peers.split(peerA, 2)).<Peers.Work>map(part -> () -> {
              try (Connection c = server.admin()) {
                Peers.pgBulkInsert(c, SCHEMA, "t", part);
              }
            }).toList())),
        new Case("pgdest APPEND, parallel 2", this::recreate, () -> parallel(a, 2)),
        new Case("pgdest APPEND, parallel 4", this::recreate, () -> parallel(a, 4)),
        new Case("pgdest APPEND, 2 writers (halves)", this::recreate,
            () -> Peers.inParallel(Arrays.stream(Peers.split(a, 2)).<Peers.Work>map(
                part -> () -> pgdest(Rows.spec("t"), part, WriteMode.APPEND)).toList())));
    // The first pgdest run creates the table itself, as a first sync does; the second finds it empty.
    rounds(
        new Case("pgdest UPSERT, empty target it creates", () -> admin("DROP TABLE IF EXISTS " + T),
            () -> pgdest(a, WriteMode.UPSERT)),
        new Case("pgdest UPSERT, empty existing target", this::recreate, () -> pgdest(a, WriteMode.UPSERT)),
        new Case("script UPSERT, empty target", () -> recreate(files.wholeA),
            () -> script(files.wholeA, Scripts.Variant.PLAIN)),
        new Case("script UPSERT" + perBatch + ", empty target", () -> recreate(files.batchesA),
            () -> script(files.batchesA, Scripts.Variant.PLAIN)));
    for (String c : List.of("all keys changed", "all keys unchanged")) {
      boolean changed = c.endsWith(" changed");
      Object[][] data = changed ? b : a;
      List<Path> whole = changed ? files.wholeB : files.wholeA;
      List<Path> batches = changed ? files.batchesB : files.batchesA;
      List<Case> cases = new ArrayList<>(List.of(
          new Case("pgdest UPSERT, " + c, this::loaded, () -> pgdest(data, WriteMode.UPSERT)),
          new Case("script UPSERT, " + c, () -> loaded(whole), () -> script(whole, Scripts.Variant.PLAIN)),
          new Case("script UPSERT" + perBatch + ", " + c, () -> loaded(batches),
              () -> script(batches, Scripts.Variant.PLAIN))));
      // Variants of the per-batch script that each change one thing, to find what costs.
      for (Scripts.Variant v : Scripts.Variant.values()) {
        if (changed && v != Scripts.Variant.PLAIN) {
          cases.add(new Case("variant script" + perBatch + " " + v + ", " + c, () -> loaded(batches),
              () -> script(batches, v)));
        }
      }
      rounds(cases.toArray(new Case[0]));
    }
    rounds(
        new Case("pgdest REPLACE, all rows replaced", this::loaded, () -> pgdest(b, WriteMode.REPLACE)),
        new Case("script REPLACE by COPY into a new table + DROP + RENAME", () -> loaded(files.wholeB), () -> {
          try (Connection conn = server.admin()) {
            Scripts.replaceBySwap(conn, SCHEMA, "t", files.wholeB.get(0));
          }
        }),
        new Case("script REPLACE by TRUNCATE + COPY", () -> loaded(files.wholeB), () -> {
          try (Connection conn = server.admin()) {
            Scripts.replaceByTruncate(conn, T, files.wholeB.get(0));
          }
        }));
    TableSpec composite = CompositeRows.spec("c");
    rounds(
        new Case("pgdest composite UPSERT, empty target it creates", C, () -> admin("DROP TABLE IF EXISTS " + C),
            () -> pgdest(composite, compositeA, WriteMode.UPSERT)),
        new Case("pgdest composite UPSERT, empty existing target", C, this::recreateComposite,
            () -> pgdest(composite, compositeA, WriteMode.UPSERT)),
        new Case("script composite UPSERT, empty target", C, () -> {
          recreateComposite();
          cache(List.of(files.compositeA));
        }, () -> compositeScript(files.compositeA)));
    rounds(
        new Case("pgdest composite UPSERT, all keys changed", C, () -> loadedComposite(files),
            () -> pgdest(composite, compositeB, WriteMode.UPSERT)),
        new Case("script composite UPSERT, all keys changed", C, () -> {
          loadedComposite(files);
          cache(List.of(files.compositeB));
        }, () -> compositeScript(files.compositeB)));
    // pgjdbc's batches are far behind and slow to run: once each, for scale only.
    once(0, new Case("pgjdbc batch INSERT (reWriteBatchedInserts)", this::recreate, () -> {
      try (Connection c = batchConnection()) {
        Peers.jdbcBatches(c, T, peerA, false);
      }
    }));
    once(0, new Case("pgjdbc batch INSERT ON CONFLICT, all keys changed", this::loaded, () -> {
      try (Connection c = batchConnection()) {
        Peers.jdbcBatches(c, T, peerB, true);
      }
    }));
    String header = String.format("%,d rows (composite: %,d with %,d in-batch duplicates), %s, median of %d"
        + " round(s); pgdest batches of %,d rows", rows, compositeA.length, compositeA.length - rows, server.describe(),
        runs, batchRows);
    Ratios.add(report, batchRows);
    report.print(header, rows);
  }

  /**
   * Warms the JIT and the server's WAL before anything is timed, and writes the files the
   * server-side COPYs read, whole, cut into batches and into halves.
   */
  private void warmUp(LoadFiles files, Object[][] sourceA, Object[][] sourceB) throws Exception {
    for (Object[][] version : List.of(b, a)) {
      recreate();
      pgdest(version, WriteMode.APPEND);
      files.export(version == a ? "a" : "b", this::admin);
    }
    // A full-size merge and a REPLACE: warm those paths and grow the WAL to the size the runs reuse.
    pgdest(b, WriteMode.UPSERT);
    pgdest(a, WriteMode.REPLACE);
    recreate();
    try (Connection c = server.admin()) {
      Peers.pgBulkInsert(c, SCHEMA, "t", peerA);
    }
    for (Object[][] source : List.of(sourceA, sourceB)) {
      admin("DROP TABLE IF EXISTS " + SCHEMA + ".c_src");
      pgdest(CompositeRows.sourceSpec("c_src"), source, WriteMode.APPEND);
      files.exportComposite(source == sourceA ? "a" : "b", SCHEMA + ".c_src", this::admin);
    }
    admin("DROP TABLE " + SCHEMA + ".c_src");
    admin("DROP TABLE IF EXISTS " + C);
    pgdest(CompositeRows.spec("c"), compositeA, WriteMode.UPSERT);
    pgdest(CompositeRows.spec("c"), compositeB, WriteMode.UPSERT);
  }

  private void cleanUp() throws java.io.IOException {
    try (var list = java.nio.file.Files.list(dir)) {
      for (Path f : (Iterable<Path>) list::iterator) {
        java.nio.file.Files.deleteIfExists(f);
      }
    }
    java.nio.file.Files.deleteIfExists(dir);
  }

  private static Object[][] nine(Object[][] rows) {
    return columns(rows, 9);
  }

  private static Object[][] columns(Object[][] rows, int n) {
    Object[][] out = new Object[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = Arrays.copyOf(rows[i], n);
    }
    return out;
  }

  private void pgdest(Object[][] data, WriteMode mode) {
    pgdest(Rows.spec("t"), data, mode);
  }

  private void pgdest(TableSpec spec, Object[][] data, WriteMode mode) {
    try (TableWriter w = dest.writer(spec, mode)) {
      for (Object[] r : data) {
        w.write(r);
      }
      WriteResult r = w.commit();
      System.out.printf("    pgdest phases: schema %d ms, copy %d ms, merge %d ms, commit %d ms, %d batches,"
          + " %d inserted, %d updated, %d deleted%n", r.schemaTime().toMillis(), r.copyTime().toMillis(),
          r.mergeTime().toMillis(), r.commitTime().toMillis(), r.batches(), r.rowsInserted(), r.rowsUpdated(),
          r.rowsDeleted());
    }
  }

  /** pgdest's writer that spreads the batches over {@code connections} connections. */
  private void parallel(Object[][] data, int connections) {
    try (TableWriter w = dest.writer(Rows.spec("t"), WriteMode.APPEND, dev.pgdest.ProgressListener.none(),
        connections)) {
      for (Object[] r : data) {
        w.write(r);
      }
      w.commit();
    }
  }

  /**
   * Reads the files so that they are in the operating system's cache when a server-side COPY
   * reads them, as pgdest's rows are in memory: else a COPY could wait on the disk.
   */
  private static void cache(List<Path> files) throws Exception {
    byte[] buffer = new byte[1 << 20];
    for (Path f : files) {
      try (var in = java.nio.file.Files.newInputStream(f)) {
        while (in.read(buffer) >= 0) {
          // just reading
        }
      }
    }
  }

  private void serverCopy(List<Path> files) throws Exception {
    try (Connection c = server.admin(); Statement st = c.createStatement()) {
      for (Path f : files) {
        st.execute("COPY " + T + " FROM " + Scripts.literal(f) + " (FORMAT binary)");
      }
    }
  }

  private void script(List<Path> files, Scripts.Variant v) throws Exception {
    try (Connection c = server.admin()) {
      Scripts.run(c, T, files, v);
    }
  }

  private void compositeScript(Path file) throws Exception {
    try (Connection c = server.admin()) {
      Scripts.compositeUpsert(c, C, file);
    }
  }

  private void psqlCopy() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.host(), "-p",
        String.valueOf(server.port()), "-U", server.superuser(), "-d", BenchServer.DATABASE, "-c",
        "\\copy " + T + " FROM '" + dir.resolve("a.csv") + "' WITH (FORMAT csv)");
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

  /** An empty target owned by the writer, as if pgdest had created it (so every REPLACE path is open to it). */
  private void recreate() throws Exception {
    admin("DROP TABLE IF EXISTS " + T);
    admin(Rows.ddl(T));
    admin("ALTER TABLE " + T + " OWNER TO \"" + server.writerName() + "\"");
  }

  /** An empty target, and the files the run reads in the cache. */
  private void recreate(List<Path> files) throws Exception {
    recreate();
    cache(files);
  }

  private void recreateComposite() throws Exception {
    admin("DROP TABLE IF EXISTS " + C);
    admin(CompositeRows.ddl(C));
    admin("ALTER TABLE " + C + " OWNER TO \"" + server.writerName() + "\"");
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

  /** The composite target holding the last row of each key of version A. */
  private void loadedComposite(LoadFiles files) throws Exception {
    recreateComposite();
    admin("COPY " + C + " FROM " + Scripts.literal(files.compositeLastA) + " (FORMAT binary)");
    admin("VACUUM (ANALYZE) " + C);
  }

  /**
   * Runs the cases {@code runs} times each, round by round, starting each round one case later so
   * that no loader always runs first or right after the same other loader.
   */
  private void rounds(Case... all) throws Exception {
    List<Case> cases = new ArrayList<>();
    for (Case c : all) {
      if (c != null && select.selected(c.name())) {
        cases.add(c);
      }
    }
    for (int round = 0; round < runs; round++) {
      for (int i = 0; i < cases.size(); i++) {
        once(round, cases.get((round + i) % cases.size()));
      }
    }
  }

  private void once(int round, Case c) throws Exception {
    if (!select.selected(c.name())) {
      return;
    }
    c.setup().run();
    admin("CHECKPOINT");
    System.gc();
    Report.Sample s = measure.time(round, c.table(), c.body());
    System.out.printf("  %-64s %7.2f s, server CPU %6.2f s, WAL %7.1f MiB, load %.2f%n", c.name(), s.seconds(),
        s.serverCpu(), s.walBytes() / (1 << 20), s.load());
    report.add(c.name(), s);
  }

  private Connection batchConnection() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", server.superuser());
    p.setProperty("password", server.superuserPassword());
    p.setProperty("reWriteBatchedInserts", "true");
    return DriverManager.getConnection(server.jdbcUrl(), p);
  }

  private void admin(String sql) throws Exception {
    try (Connection c = server.admin(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
