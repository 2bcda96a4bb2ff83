package dev.pgdest.testkit.internal.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Creates a cluster's data directory with initdb and applies the spec's files and access rules. */
final class DataDirectory {

  static final String SUPERUSER = "postgres";

  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

  private DataDirectory() {}

  /**
   * Runs initdb into {@code data} (which must not exist yet; its parent must belong to the run
   * account) with a superuser password that only the run account can read, and only briefly.
   */
  static void initdb(Path installDir, Path data, String superuserPassword, RunAccount account)
      throws IOException {
    Path pwfile = data.resolveSibling("initdb.pw");
    Files.writeString(pwfile, superuserPassword + "\n", StandardCharsets.UTF_8);
    try {
      FileTrees.setMode(pwfile, PosixFilePermissions.fromString("rw-------"));
      account.own(pwfile);
      Commands.run(account.command(List.of(
          Platform.program(installDir, "initdb").toString(),
          "-D", data.toString(),
          "-U", SUPERUSER,
          "--auth-host=scram-sha-256",
          "--auth-local=trust",
          "-E", "UTF8",
          "--locale=C",
          "-N",
          "--pwfile=" + pwfile)), INITDB_TIMEOUT);
    } finally {
      Files.deleteIfExists(pwfile);
    }
  }

  /**
   * Writes {@code pg_hba.conf}: the spec's lines come first (the first matching line wins, so they
   * can narrow or reject), then password (SCRAM) access over loopback TCP for everyone.
   */
  static void writeHba(Path data, List<String> extraLines) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# Written by pgdest-testkit. First match wins.");
    lines.add("local all all trust");
    lines.addAll(extraLines);
    lines.add("host all all 127.0.0.1/32 scram-sha-256");
    lines.add("host all all ::1/128 scram-sha-256");
    lines.add("host replication all 127.0.0.1/32 scram-sha-256");
    Files.write(data.resolve("pg_hba.conf"), lines, StandardCharsets.UTF_8);
  }

  /** Places the spec's files, private keys readable by the run account only. */
  static void writeFiles(Path data, List<ClusterSpec.DataFile> files, RunAccount account) throws IOException {
    for (ClusterSpec.DataFile file : files) {
      Path path = data.resolve(file.name());
      Files.write(path, file.content());
      FileTrees.setMode(path,
          PosixFilePermissions.fromString(file.privateKey() ? "rw-------" : "rw-r--r--"));
      account.own(path);
    }
  }
}
