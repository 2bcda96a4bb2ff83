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
      Quickstart.main(new String[0]);
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
        .endsWith("Quickstart finished." + System.lineSeparator());
  }
}
