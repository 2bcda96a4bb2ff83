package dev.pgdest.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Times one load and reads what it cost: wall time, the server's CPU and WAL, the table's size
 * afterwards, and on the client the loading thread's CPU, the whole JVM's CPU and the heap all
 * live threads allocated. Threads that end during the load (a parallel case's workers) are not in
 * the allocation figure; their CPU is in the JVM's. Not thread-safe.
 */
final class Measure {
  private final BenchServer server;
  private final ServerCpu serverCpu;
  private final int rows;
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  Measure(BenchServer server, ServerCpu serverCpu, int rows) {
    this.server = server;
    this.serverCpu = serverCpu;
    this.rows = rows;
  }

  Report.Sample time(int round, String table, Peers.Work body) throws Exception {
    double load = loadAverage();
    long wal0 = server.walPosition();
    long alloc0 = allocated();
    long thread0 = threads.getCurrentThreadCpuTime();
    long process0 = os.getProcessCpuTime();
    double server0 = serverCpu == null ? Double.NaN : serverCpu.seconds();
    long t0 = System.nanoTime();
    body.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = serverCpu == null ? Double.NaN : serverCpu.seconds() - server0;
    long thread = threads.getCurrentThreadCpuTime() - thread0;
    long process = os.getProcessCpuTime() - process0;
    long alloc = allocated() - alloc0;
    long wal = server.walPosition() - wal0;
    return new Report.Sample(round, seconds, cpu, wal, tableBytes(table), (double) thread / rows,
        (double) process / rows, (double) alloc / rows, load);
  }

  private long allocated() {
    long sum = 0;
    for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(0, a);
    }
    return sum;
  }

  private double tableBytes(String table) throws Exception {
    try (Connection c = server.admin(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT pg_total_relation_size(to_regclass('" + table + "'))")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
