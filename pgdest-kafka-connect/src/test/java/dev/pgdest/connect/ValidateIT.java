package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connect's validation endpoint runs pgdest's check and shows each failure on the key to change. */
@PgdestTest(scope = PgdestTest.Scope.JVM)
@ExtendWith(ConnectClusterExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ValidateIT {
  static TestDestination dest;

  @Test
  void seedWriterPasses(EmbeddedConnectCluster connect) {
    assertThat(errors(connect.validateConnectorConfig(Sinks.CONNECTOR_CLASS, config()))).isEmpty();
  }

  @Test
  void wrongPasswordIsReportedOnThePassword(EmbeddedConnectCluster connect) {
    Map<String, String> c = config();
    c.put("connection.password", "wrong");
    Map<String, List<String>> errors = errors(connect.validateConnectorConfig(Sinks.CONNECTOR_CLASS, c));
    assertThat(errors).containsKey("connection.password");
    assertThat(String.join(" ", errors.get("connection.password"))).doesNotContain("wrong");
  }

  @Test
  void missingTemporaryIsReportedOnTheUserWithTheGrant(EmbeddedConnectCluster connect) {
    WriterUser noTemp = dest.createUser("GRANT CREATE ON DATABASE {database} TO {user}");
    Map<String, String> c = config();
    c.put("connection.user", noTemp.name());
    c.put("connection.password", noTemp.password());
    Map<String, List<String>> errors = errors(connect.validateConnectorConfig(Sinks.CONNECTOR_CLASS, c));
    assertThat(errors).containsOnlyKeys("connection.user");
    assertThat(errors.get("connection.user").get(0)).contains("GRANT").contains("TEMPORARY");
  }

  @Test
  void unknownDatabaseIsReportedOnTheDatabase(EmbeddedConnectCluster connect) {
    Map<String, String> c = config();
    c.put("connection.database", "no_such_db");
    assertThat(errors(connect.validateConnectorConfig(Sinks.CONNECTOR_CLASS, c))).containsKey("connection.database");
  }

  private static Map<String, String> config() {
    Map<String, String> c = Sinks.config(dest, "v", 1);
    c.put("name", "validate");
    return c;
  }

  private static Map<String, List<String>> errors(ConfigInfos infos) {
    return infos.values().stream().map(ConfigInfo::configValue)
        .filter(v -> !v.errors().isEmpty())
        .collect(Collectors.toMap(v -> v.name(), v -> v.errors()));
  }
}
