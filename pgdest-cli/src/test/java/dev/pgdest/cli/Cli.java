package dev.pgdest.cli;

import dev.pgdest.cli.internal.command.Io;
import dev.pgdest.cli.internal.command.PgdestCommand;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code pgdest} in this JVM with captured streams, as a user would on the command line. */
final class Cli {
  private final Map<String, String> env = new HashMap<>();
  private InputStream stdin = new ByteArrayInputStream(new byte[0]);

  /** What a run printed and returned. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli stdin(byte[] bytes) {
    stdin = new ByteArrayInputStream(bytes);
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(new PrintWriter(out, true), new PrintWriter(err, true), stdin, env, false, null);
    int code = PgdestCommand.execute(args, io);
    return new Result(code, out.toString(), err.toString());
  }

  /** The connection options of {@code dest} for {@code user}, whose password goes in PGDEST_PASSWORD. */
  static List<String> connection(TestDestination dest, WriterUser user, Cli cli) {
    cli.env("PGDEST_PASSWORD", user.password());
    return new ArrayList<>(List.of("--host", dest.server().host(), "--port", String.valueOf(dest.server().port()),
        "--database", dest.database(), "--schema", dest.schema(), "--user", user.name(), "--sslmode", "disable"));
  }

  /** Runs {@code args} with the connection options of {@code dest}'s seed writer appended. */
  Result asSeedWriter(TestDestination dest, String... args) {
    return run(args(connection(dest, dest.seedWriter(), this), args));
  }

  /** Writes {@code content} to {@code dir/name} and returns the path as text. */
  static String file(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p.toString();
  }

  /** {@code rest}, then {@code first}. */
  static String[] args(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(List.of(rest));
    all.addAll(first);
    return all.toArray(String[]::new);
  }
}
