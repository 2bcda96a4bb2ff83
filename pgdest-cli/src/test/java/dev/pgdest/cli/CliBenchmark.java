package dev.pgdest.cli;

import dev.pgdest.testkit.EmbeddedPostgresServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code pgdest load} against {@code psql \copy}: the same generated CSV into the same table on one
 * server, side by side, in rounds of alternating order; medians, the range of each, and the ratio
 * of rates per round. pgdest runs through its launcher script under {@code -Xmx128m} (plus {@code
 * -Dbench.jvmopts}), timed from process start to exit like psql. Not a test: run it with {@code mvn -B -q -pl
 * pgdest-cli -am -Pbench -DskipTests verify}. Usage: {@code CliBenchmark [rows] [rounds]}; the
 * system properties {@code bench.host}, {@code bench.port}, {@code bench.user}, {@code
 * bench.password}, {@code bench.database} name another server instead of the embedded one.
 */
public final class CliBenchmark {
  private static final String TABLE = "bench_load";

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String database;
  private final Path dir;

  private CliBenchmark(String host, int port, String user, String password, String database, Path dir) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.database = database;
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createDirectories(Path.of("target", "bench"));
    Path csv = dir.resolve("bench-" + rows + ".csv");
    if (!Files.exists(csv)) {
      generate(csv, rows);
    }
    System.out.printf("%,d rows, %,d bytes of CSV, %d rounds%n", rows, Files.size(csv), rounds);
    String external = System.getProperty("bench.host", "");
    if (!external.isBlank()) {
      new CliBenchmark(external, Integer.getInteger("bench.port", 5432), System.getProperty("bench.user"),
          System.getProperty("bench.password"), System.getProperty("bench.database", "postgres"), dir)
          .run(csv, rows, rounds, "server " + external);
      return;
    }
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      server.createDatabase("bench");
      new CliBenchmark(server.host(), server.port(), server.superuser(), server.superuserPassword(), "bench", dir)
          .run(csv, rows, rounds, "embedded PostgreSQL " + server.serverVersion());
    }
  }

  private void run(Path csv, int rows, int rounds, String where) throws Exception {
    System.out.println("on " + where);
    sql("DROP TABLE IF EXISTS public." + TABLE);
    // The launcher's class-data archive is made afresh by the warm-up, a load.
    try (java.util.stream.Stream<Path> archives = Files.list(Path.of("target"))) {
      for (Path a : archives.filter(f -> f.toString().endsWith(".jsa")).toList()) {
        Files.delete(a);
      }
    }
    // The warm-up creates the table with the inferred types; every timed load then fills it empty.
    double warm = pgdest(csv, rows);
    System.out.printf("warm-up pgdest load (creates the table): %.2f s%n", warm);
    System.out.println(columns());
    List<Double> pg = new ArrayList<>();
    List<Double> ps = new ArrayList<>();
    List<Double> pgCpu = new ArrayList<>();
    List<Double> psCpu = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      double a;
      double b;
      if (r % 2 == 0) {
        b = psql(csv, rows);
        a = pgdest(csv, rows);
      } else {
        a = pgdest(csv, rows);
        b = psql(csv, rows);
      }
      pg.add(a);
      ps.add(b);
      double cpuA = cpu.get(cpu.size() - (r % 2 == 0 ? 1 : 2));
      double cpuB = cpu.get(cpu.size() - (r % 2 == 0 ? 2 : 1));
      pgCpu.add(cpuA);
      psCpu.add(cpuB);
      System.out.printf("round %d: pgdest %.2f s (%,.0f rows/s, client CPU %.2f s), psql %.2f s (%,.0f rows/s, client "
          + "CPU %.2f s), pgdest/psql rate %.2f%n", r + 1, a, rows / a, cpuA, b, rows / b, cpuB, b / a);
    }
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = ps.get(r) / pg.get(r);
    }
    System.out.printf("%npgdest load (" + javaOpts() + ") median %.2f s, %,.0f rows/s, range %.2f..%.2f s, client CPU %.2f s%n",
        median(pg), rows / median(pg), min(pg), max(pg), median(pgCpu));
    System.out.printf("psql \\copy              median %.2f s, %,.0f rows/s, range %.2f..%.2f s, client CPU %.2f s%n",
        median(ps), rows / median(ps), min(ps), max(ps), median(psCpu));
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    System.out.printf("pgdest rate / psql rate: median %.2f, per round %.2f..%.2f (goal: at least 0.70)%n",
        sorted[rounds / 2], sorted[0], sorted[rounds - 1]);
  }

  private double pgdest(Path csv, int rows) throws Exception {
    prepare();
    // The launcher script, as a user runs it; it builds the runnable jar when missing.
    List<String> cmd = new ArrayList<>(List.of(Path.of("pgdest").toAbsolutePath().toString()));
    cmd.addAll(List.of("load", csv.toString(), "--table", TABLE, "--mode", "append", "--progress", "none", "--host",
        host, "--port", String.valueOf(port), "--database", database, "--schema", "public", "--user", user,
        "--sslmode", "disable"));
    return time(cmd, "PGDEST_PASSWORD", rows, dir.resolve("pgdest.out"));
  }

  private static String javaOpts() {
    return ("-Xmx128m " + System.getProperty("bench.jvmopts", "")).trim();
  }

  private double psql(Path csv, int rows) throws Exception {
    prepare();
    List<String> cmd = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String.valueOf(port),
        "-U", user, "-d", database, "-c", "\\copy public." + TABLE + " FROM '" + csv + "' WITH (FORMAT csv, HEADER true)");
    return time(cmd, "PGPASSWORD", rows, dir.resolve("psql.out"));
  }

  /** A timed run: wall seconds, and the client's CPU seconds (user + system) as bash's {@code times} reports them. */
  private double time(List<String> cmd, String passwordVariable, int rows, Path log) throws Exception {
    List<String> wrapped = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times; exit $rc", "_"));
    wrapped.addAll(cmd);
    ProcessBuilder pb = new ProcessBuilder(wrapped).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put(passwordVariable, password);
    pb.environment().put("PGDEST_JAVA_OPTS", javaOpts());
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd.get(0) + " failed; see " + log + ":\n" + Files.readString(log));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> lines = Files.readAllLines(log);
    cpu.add(cpuSeconds(lines.get(lines.size() - 1)));
    long count = ((Number) value("SELECT count(*) FROM public." + TABLE)).longValue();
    if (count != rows) {
      throw new IllegalStateException(cmd.get(0) + " loaded " + count + " rows, not " + rows);
    }
    return seconds;
  }

  private final List<Double> cpu = new ArrayList<>();

  /** {@code 0m3.210s 0m0.312s}: user and system time of the children. */
  private static double cpuSeconds(String line) {
    double total = 0;
    for (String part : line.trim().split("\\s+")) {
      int m = part.indexOf('m');
      total += Integer.parseInt(part.substring(0, m)) * 60 + Double.parseDouble(part.substring(m + 1, part.length() - 1));
    }
    return total;
  }

  private void prepare() throws SQLException {
    if (value("SELECT to_regclass('public." + TABLE + "')") != null) {
      sql("TRUNCATE public." + TABLE);
    }
    sql("CHECKPOINT");
  }

  private String columns() throws SQLException {
    return "table: " + value("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) "
        + "FROM pg_attribute WHERE attrelid = 'public." + TABLE + "'::regclass AND attnum > 0");
  }

  private Connection connect() throws SQLException {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return java.sql.DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private Object value(String query) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? rs.getObject(1) : null;
    }
  }

  /** id, uuid, two texts, a timestamp with zone, an amount, a flag, a score: about 130 bytes a row. */
  private static void generate(Path csv, int rows) throws IOException {
    Random random = new Random(42);
    String[] cities = {"Oslo", "Lyon", "Austin", "Osaka", "Lagos", "Lima", "Perth", "Porto"};
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("id,uid,name,city,created_at,amount,active,score\n");
      for (int i = 1; i <= rows; i++) {
        w.write(i + "," + new UUID(random.nextLong(), random.nextLong()) + ",customer " + i
            + "," + cities[random.nextInt(cities.length)] + ","
            + String.format("2024-%02d-%02d %02d:%02d:%02d+00", 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60))
            + "," + (random.nextInt(1_000_000) / 100.0) + "," + random.nextBoolean() + "," + random.nextInt(1000) + "."
            + random.nextInt(10) + "\n");
      }
    }
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  private static double min(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private static double max(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }
}
