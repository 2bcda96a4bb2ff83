package dev.pgdest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The write modes, several inputs, explicit types, delimiters and progress output of {@code pgdest load}. */
@PgdestTest
@Timeout(120)
class LoadModesIT {
  static TestDestination dest;

  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  private Cli.Result load(String... args) {
    return cli.asSeedWriter(dest, args);
  }

  private String file(String name, String content) throws IOException {
    return Cli.file(dir, name, content);
  }

  @Test
  void replaceSwapsTheContentsAndDeleteRemovesByKey() throws IOException {
    assertThat(load("load", file("a.csv", "id,v\n1,a\n2,b\n3,c\n"), "--table", "modes", "--key", "id").code()).isZero();
    Cli.Result replace = load("load", file("b.csv", "id,v\n2,B\n4,D\n"), "--table", "modes", "--mode", "replace",
        "--key", "id");
    assertThat(replace.code()).as(replace.toString()).isZero();
    assertThat(dest.query("SELECT id, v FROM modes ORDER BY id"))
        .containsExactly(Map.of("id", 2, "v", "B"), Map.of("id", 4, "v", "D"));
    Cli.Result delete = load("load", file("del.csv", "id\n4\n"), "--table", "modes", "--mode", "delete", "--key", "id");
    assertThat(delete.code()).as(delete.toString()).isZero();
    assertThat(delete.out()).contains("Applied 1 keys to delete to \"modes\" (DELETE on id)").contains("1 deleted");
    assertThat(dest.query("SELECT id FROM modes")).containsExactly(Map.of("id", 2));
  }

  @Test
  void severalInputsLandInOneTableWithTheUnionOfTheirColumns() throws IOException {
    String a = file("part1.csv", "id,name\n1,Ada\n");
    String b = file("part2.jsonl", "{\"id\": 2, \"name\": \"Bob\", \"score\": 9.5}\n");
    Cli.Result r = load("load", a, b, "--table", "parts");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(dest.query("SELECT id, name, score::text AS score FROM parts ORDER BY id")).extracting(m -> m.get("score"))
        .containsExactly(null, "9.5");
  }

  @Test
  void explicitTypesAndASemicolonDelimiter() throws IOException {
    String f = file("eu.txt", "id;zip;price\n1;01234;3\n2;98765;4\n");
    Cli.Result r = load("load", f, "--table", "eu", "--format", "csv", "--delimiter", ";", "--type", "id=bigint",
        "--type", "price=numeric(8,2)");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(dest.query("SELECT id, zip, price::text AS price FROM eu ORDER BY id"))
        .containsExactly(Map.of("id", 1L, "zip", "01234", "price", "3.00"), Map.of("id", 2L, "zip", "98765", "price", "4.00"));
  }

  @Test
  void progressIsLogLinesWithoutATerminalAndABarOnRequest() throws IOException {
    String f = file("p.csv", "id\n1\n2\n3\n");
    Cli.Result lines = load("load", f, "--table", "progress");
    assertThat(lines.err()).containsPattern("pgdest load: 3 rows committed, \\d+ B read of \\d+ B \\(100%\\)");
    Cli.Result bar = load("load", f, "--table", "progress", "--progress", "bar");
    assertThat(bar.err()).startsWith("\r").contains("100% [========================] 3 rows");
    Cli.Result none = load("load", f, "--table", "progress", "--progress", "none");
    assertThat(none.err()).isEmpty();
    assertThat(none.out()).containsPattern("Loaded 3 rows into \"progress\" \\(APPEND\\) in \\d+ ms");
  }

  @Test
  void badJsonLinesFromStandardInputGoToTheRejectsFileAsTheyWere() throws IOException {
    String bad = "{\"id\": 2, \"v\": oops}";
    cli.stdin(("{\"id\": 1, \"v\": \"a\"}\n" + bad + "\n[1]\n{\"id\": 4, \"v\": \"d\"}\n")
        .getBytes(StandardCharsets.UTF_8));
    Path rejects = dir.resolve("json.rejects.csv");
    Cli.Result r = load("load", "-", "--table", "json_rejects", "--reject", "skip", "--rejects-file", rejects.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(dest.query("SELECT id FROM json_rejects ORDER BY id")).extracting(m -> m.get("id")).containsExactly(1, 4);
    List<String> lines = Files.readAllLines(rejects);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("stdin,2,not valid JSON at column").endsWith(",\"" + bad.replace("\"", "\"\"") + "\"");
    assertThat(lines.get(2)).isEqualTo("stdin,3,not a JSON object,[1]");
  }

  @Test
  void unknownOptionsMissingKeysAndMissingFilesFail() throws IOException {
    String f = file("k.csv", "id\n1\n");
    Cli.Result noKey = load("load", f, "--table", "k", "--mode", "upsert");
    assertThat(noKey.code()).isEqualTo(2);
    assertThat(noKey.err()).contains("UPSERT needs key columns");
    Cli.Result badKey = load("load", f, "--table", "k", "--mode", "upsert", "--key", "nope");
    assertThat(badKey.code()).isEqualTo(2);
    assertThat(badKey.err()).contains("--key names column \"nope\"");
    assertThat(load("load", f, "--table", "k", "--bogus").code()).isEqualTo(2);
    Cli.Result missing = load("load", dir.resolve("nosuch.csv").toString(), "--table", "k");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read " + dir.resolve("nosuch.csv") + ": no such file");
    assertThat(List.of(dest.tableExists("k"))).containsExactly(false);
  }
}
