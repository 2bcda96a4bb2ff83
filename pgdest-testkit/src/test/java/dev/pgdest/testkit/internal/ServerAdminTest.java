package dev.pgdest.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerAdminTest {

  @Test
  void encodesTheDatabaseNameInTheUrl() {
    assertThat(ServerAdmin.jdbcUrl("127.0.0.1", 5432, "my db/é?#"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/my%20db%2F%C3%A9%3F%23");
  }

  @Test
  void bracketsIpv6Hosts() {
    assertThat(ServerAdmin.jdbcUrl("::1", 5432, "postgres")).isEqualTo("jdbc:postgresql://[::1]:5432/postgres");
  }
}
