package dev.pgdest.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.ConnectionException;
import java.io.IOException;
import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermanentConnectFailureTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"28P01, true", "28000, true", "3D000, true", "08004, true",
      "08001, false", "08006, false", "53300, false", "57P03, false"})
  void loginRefusalsMissingDatabasesAndRefusedTlsAreForGood(String state, boolean permanent) {
    assertThat(Errors.isPermanentConnectFailure(new SQLException("refused", state))).isEqualTo(permanent);
  }

  @Test
  void aFailedTlsHandshakeIsForGood() {
    SQLException e = new SQLException("SSL error", "08006", new SSLHandshakeException("PKIX path building failed"));
    assertThat(Errors.isPermanentConnectFailure(e)).isTrue();
    assertThat(Errors.isPermanentConnectFailure(new SQLException("The connection attempt failed.", "08001",
        new IOException("Connection refused")))).isFalse();
  }

  @Test
  void thePermanentFailureIsTheTopMessageAndNotRetryable() {
    ConnectionException e = Errors.permanentConnectFailure("connecting to db:5432/analytics",
        new SQLException("password authentication failed for user \"w\"", "28P01"));
    assertThat(e.getMessage()).startsWith("connecting to db:5432/analytics failed: password authentication failed")
        .contains("[SQLSTATE 28P01]");
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.sqlState()).hasValue("28P01");
  }
}
