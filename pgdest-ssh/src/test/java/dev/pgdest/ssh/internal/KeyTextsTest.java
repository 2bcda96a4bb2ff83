package dev.pgdest.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.ssh.SshKeys;
import org.junit.jupiter.api.Test;

class KeyTextsTest {
  private static final String KEY = SshKeys.generateEd25519().privateKey();

  @Test
  void keepsAWellFormedKey() {
    assertThat(KeyTexts.normalize(KEY)).isEqualTo(KEY);
  }

  @Test
  void turnsLiteralBackslashNIntoLineBreaks() {
    // As a key arrives from a JSON field or an environment variable.
    String pasted = KEY.replace("\n", "\\n");

    assertThat(KeyTexts.normalize(pasted)).isEqualTo(KEY);
  }

  @Test
  void turnsCrLfAndIndentationIntoPlainLines() {
    String pasted = "\r\n  " + KEY.replace("\n", "\r\n    ");

    assertThat(KeyTexts.normalize(pasted)).isEqualTo(KEY);
  }

  @Test
  void rebuildsAKeyFlattenedOntoOneLine() {
    String flat = KEY.replace("\n", " ");

    String repaired = KeyTexts.normalize(flat);

    assertThat(repaired).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
        .endsWith("\n-----END OPENSSH PRIVATE KEY-----\n");
    assertThat(repaired.replace("\n", "")).isEqualTo(KEY.replace("\n", ""));
  }

  @Test
  void everyRepairedFormLoads() throws Exception {
    String expected = PublicKeys.line(KeyLoader.load(KEY, null, "test").getPublic());
    for (String pasted : new String[] {KEY.replace("\n", "\\n"), KEY.replace("\n", "\r\n"), KEY.replace("\n", " ")}) {
      assertThat(PublicKeys.line(KeyLoader.load(pasted, null, "test").getPublic())).as(pasted).isEqualTo(expected);
    }
  }
}
