package dev.pgdest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

  private static Map<String, String> base() {
    return new HashMap<>(Map.of("connection.host", "db.example.com", "connection.database", "analytics",
        "connection.schema", "acme_sync", "connection.user", "pgdest_writer", "connection.password", "p@ss:w/rd#1"));
  }

  @Test
  void everyKeyIsDocumented() {
    for (ConfigDef.ConfigKey key : PgdestSinkConfig.CONFIG_DEF.configKeys().values()) {
      assertThat(key.documentation).as(key.name).isNotBlank();
    }
    assertThat(PgdestSinkConfig.CONFIG_DEF.configKeys().get("connection.password").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(PgdestSinkConfig.CONFIG_DEF.configKeys().get("ssh.private.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
  }

  @Test
  void buildsTheDestinationWithDefaults() {
    DestinationConfig c = new SinkSettings(base()).destinationConfig();
    assertThat(c.host()).isEqualTo("db.example.com");
    assertThat(c.port()).isEqualTo(5432);
    assertThat(c.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
    assertThat(c.password()).contains("p@ss:w/rd#1");
    assertThat(c.tunnel()).isEmpty();
    assertThat(new SinkSettings(base()).tableName("orders")).isEqualTo("orders");
  }

  @Test
  void buildsTheTunnel() {
    Map<String, String> p = base();
    p.put("ssh.host", "bastion");
    p.put("ssh.user", "tunnel");
    p.put("ssh.private.key", "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----\n");
    p.put("ssh.host.key.fingerprint", "SHA256:" + "A".repeat(43));
    p.put("connection.sslmode", "disable");
    DestinationConfig c = new SinkSettings(p).destinationConfig();
    assertThat(c.tunnel()).hasValueSatisfying(t -> {
      assertThat(t.host()).isEqualTo("bastion");
      assertThat(t.hostKeyFingerprint()).contains("SHA256:" + "A".repeat(43));
    });
    assertThat(c.sslMode()).isEqualTo(SslMode.DISABLE);
  }

  @Test
  void refusesInconsistentKeysNamingTheKey() {
    Map<String, String> p = base();
    p.put("key.mode", "none");
    assertThatThrownBy(() -> new SinkSettings(p)).isInstanceOf(ConfigException.class).hasMessageContaining("key.mode");
    p.put("key.mode", "record_value");
    p.put("insert.mode", "upsert");
    assertThat(SinkSettings.problemsOf(p)).extracting(SinkSettings.Problem::key).containsExactly("key.fields");
    Map<String, String> ssh = base();
    ssh.put("ssh.host", "bastion");
    assertThat(SinkSettings.problemsOf(ssh)).extracting(SinkSettings.Problem::key)
        .containsExactly("ssh.user", "ssh.private.key", "ssh.known.hosts");
  }

  @Test
  void validateReportsKeyProblemsWithoutConnecting() {
    Map<String, String> p = base();
    p.put("insert.mode", "merge");
    p.put("connection.port", "70000");
    Config result = new PgdestSinkConnector().validate(p);
    Map<String, List<String>> errors = result.configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    assertThat(errors).containsOnlyKeys("insert.mode", "connection.port");
  }
}
