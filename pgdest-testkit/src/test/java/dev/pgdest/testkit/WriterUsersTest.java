package dev.pgdest.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class WriterUsersTest {

  @RepeatedTest(20)
  void seedPasswordsHoldEveryAwkwardCharacterAndANonAsciiLetter() {
    String password = WriterUsers.randomSeedPassword();

    assertThat(password).hasSizeGreaterThanOrEqualTo(24);
    for (char ch : "@[]/?#\"\\+ &:%'".toCharArray()) {
      assertThat(password).as("password contains %s", ch).contains(String.valueOf(ch));
    }
    assertThat(password.chars().anyMatch(c -> c > 127 && Character.isLetter(c)))
        .as("password contains a non-ASCII letter").isTrue();
  }

  @Test
  void seedPasswordsDiffer() {
    Set<String> passwords = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      passwords.add(WriterUsers.randomSeedPassword());
    }
    assertThat(passwords).hasSize(100);
  }

  @Test
  void writerUserToStringHidesThePassword() {
    WriterUser user = new WriterUser("pgdest_writer_0a1b2c3d", "p@ss:w/rd#1");

    assertThat(user.toString()).contains("pgdest_writer_0a1b2c3d").doesNotContain("p@ss:w/rd#1");
  }
}
