package dev.pgdest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's quickstart runs to the end and shows a ready destination. */
class QuickstartIT {

  @Test
  void quickstartRunsAndReportsReady() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Quickstart.main(new String[] {"20000"});
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.print(output);

    assertThat(output)
        .contains("GRANT CREATE, TEMPORARY ON DATABASE \"analytics\"")
        .contains("PASSWORD '****'")
        .contains("pgdest destination check: READY")
        .contains("[PASS   ] USAGE and CREATE on schema \"acme_sync\"")
        .as("the first sync inserts every user")
        .contains("First sync: 20,000 rows staged, 20,000 inserted, 0 updated")
        .as("the second sync updates every 20th user and inserts 5% new ones")
        .contains("Second sync: 2,000 rows staged, 1,000 inserted, 1,000 updated")
        .endsWith("Quickstart finished." + System.lineSeparator());
  }
}
