package dev.pgdest.cli.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadCommandTest {

  @Test
  void nullMarkersAsTheShellPassesThem() {
    // --null NA,"" arrives as NA, from a shell, or as NA,"" when quoted.
    assertThat(LoadCommand.markers("NA,")).containsExactly("NA", "");
    assertThat(LoadCommand.markers("NA,\"\"")).containsExactly("NA", "");
    assertThat(LoadCommand.markers("'-',null")).containsExactly("-", "null");
  }
}
