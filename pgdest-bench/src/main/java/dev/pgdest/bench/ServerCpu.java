package dev.pgdest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time the whole PostgreSQL server used, read from Linux's /proc: the postmaster's own time,
 * the time of its children that have exited (which it has waited for), and the time of its live
 * children (backends, checkpointer, WAL writer...). Unlike wall time, it hardly changes when
 * other programs compete for the cores, so it tells a real difference from noise.
 */
final class ServerCpu {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final long postmaster;

  private ServerCpu(long postmaster) {
    this.postmaster = postmaster;
  }

  /** Reads the server through a backend's pid; null where /proc is not available. */
  static ServerCpu of(long backendPid) {
    long[] stat = stat(backendPid);
    return stat == null ? null : new ServerCpu(stat[0]);
  }

  /**
   * Seconds of CPU the server has used so far. A backend that exits and is reaped between reading
   * the children and the postmaster would be missed or counted twice, so the reading is repeated
   * until the set of children is the same on both sides of it.
   */
  double seconds() {
    for (int attempt = 0; attempt < 50; attempt++) {
      Map<Long, Long> before = children();
      long[] own = stat(postmaster);
      Map<Long, Long> after = children();
      if (own == null || before == null || after == null) {
        return Double.NaN;
      }
      if (before.keySet().equals(after.keySet())) {
        long ticks = own[1] + own[2] + own[3] + own[4];
        for (long t : after.values()) {
          ticks += t;
        }
        return ticks / TICKS_PER_SECOND;
      }
    }
    return Double.NaN;
  }

  /** CPU ticks of the postmaster's live (or not yet reaped) children, by pid. */
  private Map<Long, Long> children() {
    Map<Long, Long> out = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long[] s = stat(Long.parseLong(name));
        if (s != null && s[0] == postmaster) {
          out.put(Long.parseLong(name), s[1] + s[2]);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return out;
  }

  /** {ppid, utime, stime, cutime, cstime} of a process, or null. */
  private static long[] stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name may hold spaces: fields are counted from the closing parenthesis.
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
          Long.parseLong(f[14])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
