package dev.pgdest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import dev.pgdest.testkit.WriterUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgdest check} against the testkit's writer users: exit codes and the GRANT lines it prints. */
@PgdestTest
@Timeout(120)
class CheckCommandIT {
  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  @Test
  void theSeedWriterPassesWithExitZero(TestDestination dest) {
    Cli.Result r = cli.run(Cli.args(Cli.connection(dest, dest.seedWriter(), cli), "check"));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("READY").doesNotContain("NOT READY").doesNotContain("To fix")
        .endsWith("Ready: every item passed.\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void missingTemporaryFailsWithExitTwoAndPrintsTheGrant(TestDestination dest) {
    WriterUser writer = dest.createUser("GRANT CREATE ON DATABASE {database} TO {user}");
    Cli.Result r = cli.run(Cli.args(Cli.connection(dest, writer, cli), "check"));
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    String grant = "GRANT TEMPORARY ON DATABASE \"" + dest.database() + "\" TO \"" + writer.name() + "\";";
    assertThat(r.out()).contains("NOT READY").contains("To fix, an administrator runs:\n  " + grant)
        .contains("Not ready: fix \"TEMPORARY on database");

    dest.execute(grant);
    assertThat(cli.run(Cli.args(Cli.connection(dest, writer, cli), "check")).code()).isZero();
  }

  @Test
  void aPrecreatedSchemaWithoutTheGrantPrintsGrantAll(TestDestination dest) {
    WriterUser writer = dest.createUser("GRANT TEMPORARY ON DATABASE {database} TO {user}");
    dest.execute("CREATE SCHEMA \"" + dest.schema() + "\"");
    Cli.Result r = cli.run(Cli.args(Cli.connection(dest, writer, cli), "check"));
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("  GRANT ALL ON SCHEMA \"" + dest.schema() + "\" TO \"" + writer.name() + "\";");
  }

  @Test
  void aWrongPasswordFailsAndIsNeverPrinted(TestDestination dest) {
    WriterUser writer = dest.seedWriter();
    List<String> args = Cli.connection(dest, writer, cli);
    cli.env("PGDEST_PASSWORD", "wrong-" + writer.password());
    Cli.Result r = cli.run(Cli.args(args, "check"));
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("password authentication failed").doesNotContain(writer.password());
  }

  @Test
  void aPasswordWithALeadingSpaceLoggedInGivesWarningsAndExitOne(TestDestination dest) throws Exception {
    WriterUser writer = WriterUsers.createUser(dest.server(), dest.database(), " " + WriterUsers.randomSeedPassword(),
        "GRANT CREATE, TEMPORARY ON DATABASE {database} TO {user}");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, writer.password() + "\n");
    List<String> args = Cli.connection(dest, writer, cli);
    cli.env("PGDEST_PASSWORD", "not used: the file comes first");
    args.addAll(List.of("--password-file", pw.toString()));
    Cli.Result r = cli.run(Cli.args(args, "check"));
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("[WARN   ]").contains("white space").contains("Ready, with 1 warning to read above.");
  }

  @Test
  void aPasswordOnTheCommandLineWorksWithAWarning(TestDestination dest) {
    WriterUser writer = dest.seedWriter();
    List<String> args = Cli.connection(dest, writer, new Cli());
    args.addAll(List.of("--password", writer.password()));
    Cli.Result r = cli.run(Cli.args(args, "check"));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("WARNING: a password given with --password lands in shell history")
        .doesNotContain(writer.password());
  }

  @Test
  void optionsComeFromEnvironmentVariablesAndAPropertiesFile(TestDestination dest) throws IOException {
    WriterUser writer = dest.seedWriter();
    Path props = dir.resolve("dest.properties");
    Files.writeString(props, "host=" + dest.server().host() + "\nport=" + dest.server().port() + "\ndatabase="
        + dest.database() + "\nsslmode=disable\npassword=" + writer.password().replace("\\", "\\\\") + "\n");
    cli.env("PGDEST_USER", writer.name()).env("PGDEST_SCHEMA", dest.schema());
    Cli.Result r = cli.run("check", "--config", props.toString());
    assertThat(r.code()).as(r.toString()).isZero();
  }

  @Test
  void jsonIsForMachines(TestDestination dest) throws IOException {
    WriterUser writer = dest.createUser("GRANT CREATE ON DATABASE {database} TO {user}");
    Cli.Result r = cli.run(Cli.args(Cli.connection(dest, writer, cli), "check", "--json"));
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    List<String> fixes = new ArrayList<>();
    String status = null;
    try (JsonParser p = new JsonFactory().createParser(r.out())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("fixSql") && p.nextToken() == JsonToken.VALUE_STRING) {
          fixes.add(p.getText());
        } else if (t == JsonToken.FIELD_NAME && p.currentName().equals("status") && status == null) {
          p.nextToken();
          status = p.getText();
        }
      }
    }
    assertThat(status).isEqualTo("fail");
    assertThat(fixes).containsExactly("GRANT TEMPORARY ON DATABASE \"" + dest.database() + "\" TO \"" + writer.name()
        + "\";");
  }

  @Test
  void aMissingOptionIsNamedWithItsEnvironmentVariable() {
    Cli.Result r = cli.run("check", "--host", "127.0.0.1", "--database", "d", "--schema", "s");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("missing --user (or the environment variable PGDEST_USER");
    Cli.Result noConfig = cli.run("check", "--config", dir.resolve("none.properties").toString());
    assertThat(noConfig.code()).isEqualTo(2);
    assertThat(noConfig.err()).contains("cannot read the --config file").contains("no such file");
  }
}
