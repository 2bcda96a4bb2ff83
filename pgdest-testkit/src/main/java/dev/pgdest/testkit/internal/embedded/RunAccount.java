package dev.pgdest.testkit.internal.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system account the PostgreSQL processes run as.
 *
 * <p>initdb, postgres and pg_ctl refuse to run as root. When this JVM runs as root (as in many CI
 * containers) they are started through util-linux {@code setpriv} as an unprivileged account,
 * {@code nobody} unless the system property {@code pgdest.embedded.runAs} names another; the files
 * they need are handed to that account. Otherwise they run as the JVM's own user.
 */
final class RunAccount {

  static final String RUN_AS_PROPERTY = "pgdest.embedded.runAs";

  private static final Logger LOG = LoggerFactory.getLogger(RunAccount.class);
  private static final Duration ID_TIMEOUT = Duration.ofSeconds(10);
  private static volatile RunAccount current;

  private final String name;
  private final int uid;
  private final int gid;
  private final String setpriv;

  private RunAccount(String name, int uid, int gid, String setpriv) {
    this.name = name;
    this.uid = uid;
    this.gid = gid;
    this.setpriv = setpriv;
  }

  /** The account for this JVM, resolved (and logged) once. */
  static RunAccount current() throws IOException {
    RunAccount account = current;
    if (account == null) {
      synchronized (RunAccount.class) {
        account = current;
        if (account == null) {
          account = resolve();
          current = account;
        }
      }
    }
    return account;
  }

  private static RunAccount resolve() throws IOException {
    if (!isRoot()) {
      String user = System.getProperty("user.name");
      LOG.info("Running embedded PostgreSQL as this JVM's user {}", user);
      return new RunAccount(user, -1, -1, null);
    }
    String name = System.getProperty(RUN_AS_PROPERTY, "nobody").trim();
    if (name.isEmpty() || name.startsWith("-")) {
      throw new IllegalArgumentException(RUN_AS_PROPERTY + " must name an account: '" + name + "'");
    }
    int uid = parseId(Commands.run(List.of("id", "-u", name), ID_TIMEOUT), name);
    int gid = parseId(Commands.run(List.of("id", "-g", name), ID_TIMEOUT), name);
    if (uid == 0) {
      throw new IllegalArgumentException(
          RUN_AS_PROPERTY + " must name an unprivileged account, PostgreSQL refuses root: " + name);
    }
    String setpriv = findOnPath("setpriv");
    LOG.info("This JVM runs as root, which PostgreSQL refuses; running embedded PostgreSQL as {} "
        + "(uid {}, gid {}) through setpriv (choose another account with -D{}=<name>)",
        name, uid, gid, RUN_AS_PROPERTY);
    return new RunAccount(name, uid, gid, setpriv);
  }

  static boolean isRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static int parseId(String output, String name) {
    try {
      return Integer.parseInt(output.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cannot resolve account " + name + ": " + output.trim(), e);
    }
  }

  private static String findOnPath(String program) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
    for (String dir : dirs) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Path.of(dir, program).toString();
      }
    }
    throw new IllegalStateException("this JVM runs as root and PostgreSQL refuses to; " + program
        + " (util-linux) is needed to run it as an unprivileged account but is not installed. "
        + "Install util-linux or run the JVM as a non-root user");
  }

  /** True when processes are switched to another account (the JVM runs as root). */
  boolean switchesUser() {
    return setpriv != null;
  }

  String name() {
    return name;
  }

  /** {@code command}, prefixed with the account switch when one is needed. */
  List<String> command(List<String> command) {
    if (!switchesUser()) {
      return command;
    }
    List<String> full = new ArrayList<>(List.of(
        setpriv, "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    full.addAll(command);
    return full;
  }

  /** Hands {@code path} to the account (a no-op unless the user is switched). */
  void own(Path path) throws IOException {
    if (switchesUser()) {
      Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /**
   * Lets the account reach {@code dir}: adds search permission for others on every directory from
   * the root down to {@code dir} that lacks it (a no-op unless the user is switched).
   */
  void makeTraversable(Path dir) throws IOException {
    if (!switchesUser()) {
      return;
    }
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(p, perms);
        LOG.info("Made {} traversable so that {} can reach the embedded PostgreSQL files", p, name);
      }
    }
  }

  @Override
  public String toString() {
    return switchesUser() ? name + " (uid " + uid + ", gid " + gid + ")" : name;
  }
}
