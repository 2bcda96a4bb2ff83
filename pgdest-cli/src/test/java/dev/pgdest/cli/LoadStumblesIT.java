package dev.pgdest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each stumble of the old file loader on real files (issue 13), as a small file of its own loaded
 * with {@code pgdest load} as the seed writer, asserting what the table holds.
 */
@PgdestTest
@Timeout(120)
class LoadStumblesIT {
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

  private List<Map<String, Object>> rows(String sql) {
    return dest.query(sql);
  }

  private String typeOf(String table, String column) {
    return (String) dest.queryValue("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
        + "to_regclass(?) AND attname = ?", dest.qualified(table), column);
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
    Cli.Result r = load("load", file("bom.csv", "\uFEFFid,name\n1,Ada\n2,Bob\n"), "--table", "bom");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(rows("SELECT id, name FROM bom ORDER BY id"))
        .containsExactly(Map.of("id", 1, "name", "Ada"), Map.of("id", 2, "name", "Bob"));
  }

  @Test
  void naIsNullWhenNamedAndTheHintSaysSoWhenNot() throws IOException {
    String f = file("na.csv", "id,age,city\n1,NA,\n2,34,\"\"\n3,,Oslo\n");
    Cli.Result r = load("load", f, "--table", "na", "--null", "NA,\"\"");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(typeOf("na", "age")).isEqualTo("integer");
    assertThat(rows("SELECT age FROM na ORDER BY id")).extracting(m -> m.get("age"))
        .containsExactly(null, 34, null);
    // A quoted empty field is an empty string, an unquoted one is NULL.
    assertThat(rows("SELECT city IS NULL AS n FROM na ORDER BY id")).extracting(m -> m.get("n"))
        .containsExactly(true, false, false);

    Cli.Result plain = load("load", f, "--table", "na_plain");
    assertThat(plain.code()).as(plain.toString()).isZero();
    assertThat(typeOf("na_plain", "age")).isEqualTo("text");
    assertThat(plain.out()).contains("column \"age\" would be integer but for 1 x \"NA\"").contains("--null NA,\"\"");
  }

  @Test
  void aRaggedRowFailsNamingItsLineAndNothingLands() throws IOException {
    String f = file("ragged.csv", "id,name\n1,a\n2,b,extra\n3,c\n4\n");
    Cli.Result r = load("load", f, "--table", "ragged");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("ragged.csv line 3: 3 fields where the header has 2").contains("--reject skip")
        .contains("Nothing was loaded");
    assertThat(dest.tableExists("ragged") ? dest.rowCount("ragged") : 0).isZero();
  }

  @Test
  void raggedRowsGoToTheRejectsFileUnderRejectSkip() throws IOException {
    String f = file("ragged2.csv", "id,name\n1,a\n2,b,extra\n3,c\n4\n");
    Path rejects = dir.resolve("rejects.csv");
    Cli.Result r = load("load", f, "--table", "ragged2", "--reject", "skip", "--rejects-file", rejects.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("2 rows rejected, written to " + rejects);
    assertThat(rows("SELECT id, name FROM ragged2 ORDER BY id"))
        .containsExactly(Map.of("id", 1, "name", "a"), Map.of("id", 3, "name", "c"));
    assertThat(Files.readAllLines(rejects)).hasSize(3).element(1).asString().contains(",3,3 fields where the header has 2")
        .endsWith("\"2,b,extra\"");
  }

  @Test
  void anEmptyHeaderNameGetsANameAndTheSummarySaysSo() throws IOException {
    Cli.Result r = load("load", file("pandas.csv", ",name,score\n0,Ada,1.5\n1,Bob,2\n"), "--table", "pandas");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("column 1 has an empty name in the header").contains("\"column_1\"");
    assertThat(rows("SELECT column_1, name, score::text AS s FROM pandas ORDER BY column_1"))
        .containsExactly(Map.of("column_1", 0, "name", "Ada", "s", "1.5"), Map.of("column_1", 1, "name", "Bob", "s", "2"));
  }

  @Test
  void aTsvFileIsReadAsTabSeparated() throws IOException {
    Cli.Result r = load("load", file("people.tsv", "id\tname\tnote\n1\tAda\ta, b\n2\tBob\t\n"), "--table", "tsv");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(rows("SELECT id, name, note FROM tsv ORDER BY id")).extracting(m -> m.get("note"))
        .containsExactly("a, b", null);
  }

  @Test
  void csvTypesWidenAcrossRows() throws IOException {
    String f = file("drift.csv", "n,big,dec,zip,flag,day,at,atz,uid,doc,curly\n"
        + "1,1,1,01234,true,2024-01-31,2024-01-31 10:00:00,2024-01-31T10:00:00Z,"
        + "8d3e6f1c-8f6b-4d0e-9c1a-2b3c4d5e6f70,\"{\"\"a\"\": [1, 2]}\",{not json\n"
        + "2,3000000000,2.5,98765,f,2024-02-01 08:30,2024-02-01 08:30:00.5,2024-02-01 08:30:00+02:00,"
        + "8d3e6f1c-8f6b-4d0e-9c1a-2b3c4d5e6f71,[],{}\n");
    Cli.Result r = load("load", f, "--table", "drift");
    assertThat(r.code()).as(r.toString()).isZero();
    Map<String, String> expected = Map.ofEntries(Map.entry("n", "integer"), Map.entry("big", "bigint"),
        Map.entry("dec", "numeric"), Map.entry("zip", "text"), Map.entry("flag", "boolean"),
        Map.entry("day", "timestamp without time zone"), Map.entry("at", "timestamp without time zone"),
        Map.entry("atz", "timestamp with time zone"), Map.entry("uid", "uuid"), Map.entry("doc", "jsonb"),
        Map.entry("curly", "text"));
    expected.forEach((c, t) -> assertThat(typeOf("drift", c)).as(c).isEqualTo(t));
    assertThat(rows("SELECT zip, coalesce(doc->'a'->>1, '-') AS a1, curly, atz = '2024-02-01 06:30:00Z' AS utc "
        + "FROM drift ORDER BY n")).containsExactly(Map.of("zip", "01234", "a1", "2", "curly", "{not json", "utc", false),
            Map.of("zip", "98765", "a1", "-", "curly", "{}", "utc", true));
  }

  @Test
  void jsonLinesTypesComeFromEveryLineOfTheSample() throws IOException {
    String f = file("events.jsonl", "{\"id\": 1, \"v\": \"a\", \"s\": \"{not json\"}\n\n"
        + "{\"id\": 2, \"v\": 5, \"extra\": true, \"meta\": {\"k\": [1]}, \"s\": \"x\"}\n"
        + "{\"id\": 3000000000, \"v\": null, \"when\": \"2024-05-01T00:00:00Z\"}\n");
    Cli.Result r = load("load", f, "--table", "events");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(typeOf("events", "id")).isEqualTo("bigint");
    assertThat(typeOf("events", "v")).isEqualTo("text");
    assertThat(typeOf("events", "extra")).isEqualTo("boolean");
    assertThat(typeOf("events", "meta")).isEqualTo("jsonb");
    assertThat(typeOf("events", "s")).isEqualTo("text");
    assertThat(typeOf("events", "when")).isEqualTo("timestamp with time zone");
    assertThat(rows("SELECT id, v, extra, s FROM events ORDER BY id")).extracting(m -> m.get("v"), m -> m.get("s"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "{not json"),
            org.assertj.core.groups.Tuple.tuple("5", "x"), org.assertj.core.groups.Tuple.tuple(null, null));
  }

  @Test
  void aValueAfterTheSampleThatDoesNotFitFailsNamingLineAndColumnOrIsRejected() throws IOException {
    String f = file("late.csv", "id,qty\n1,10\n2,20\n3,lots\n4,40\n");
    Cli.Result r = load("load", f, "--table", "late", "--sample-rows", "2");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("late.csv line 4: column 2 (\"qty\")").contains("integer").contains("--type qty=text")
        .doesNotContain("lots");

    Path rejects = dir.resolve("late.rejects.csv");
    Cli.Result skip = load("load", f, "--table", "late", "--sample-rows", "2", "--reject", "skip", "--rejects-file",
        rejects.toString());
    assertThat(skip.code()).as(skip.toString()).isEqualTo(1);
    assertThat(rows("SELECT id FROM late ORDER BY id")).extracting(m -> m.get("id")).containsExactly(1, 2, 4);

    Cli.Result all = load("load", f, "--table", "late_all", "--sample-rows", "all");
    assertThat(all.code()).as(all.toString()).isZero();
    assertThat(typeOf("late_all", "qty")).isEqualTo("text");
  }

  @Test
  void keysThatCollapseInUpsertAreReported() throws IOException {
    String f = file("dupes.csv", "id,v\n1,a\n1,b\n2,c\n1,d\n2,e\n3,f\n");
    Cli.Result r = load("load", f, "--table", "dupes", "--mode", "upsert", "--key", "id");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("3 rows repeated the key of an earlier row").contains("6 rows, 3 distinct keys")
        .contains("line 2 (3 times)").contains("line 4 (2 times)").contains("3 inserted");
    assertThat(rows("SELECT id, v FROM dupes ORDER BY id")).containsExactly(Map.of("id", 1, "v", "d"),
        Map.of("id", 2, "v", "e"), Map.of("id", 3, "v", "f"));
  }

  @Test
  void gzipInputIsFoundByItsBytes() throws IOException {
    Path gz = dir.resolve("people.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("id,name\n1,Ada\n2,Bob\n".getBytes(StandardCharsets.UTF_8));
    }
    Cli.Result r = load("load", gz.toString(), "--table", "gz");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(dest.rowCount("gz")).isEqualTo(2);
  }

  @Test
  void standardInputIsReadForADashAndItsFormatSniffed() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write("{\"id\": 1, \"name\": \"Ada\"}\n{\"id\": 2, \"name\": \"Bob\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    cli.stdin(bytes.toByteArray());
    Cli.Result r = load("load", "-", "--table", "stdin_t");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(rows("SELECT id, name FROM stdin_t ORDER BY id"))
        .containsExactly(Map.of("id", 1, "name", "Ada"), Map.of("id", 2, "name", "Bob"));
  }
}
