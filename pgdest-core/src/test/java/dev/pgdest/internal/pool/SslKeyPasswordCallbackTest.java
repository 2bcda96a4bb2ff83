package dev.pgdest.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import java.nio.file.Path;
import java.util.Properties;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class SslKeyPasswordCallbackTest {

  @Test
  void theKeyPasswordReachesTheDriverThroughTheCallbackNotTheUrl() throws Exception {
    DestinationConfig config = DestinationConfig.builder().host("db").database("d").schema("s").username("u")
        .sslMode(SslMode.REQUIRE).sslClientCert(Path.of("/keys/client.crt")).sslClientKey(Path.of("/keys/client.pk8"))
        .sslClientKeyPassword("KEY-CANARY").build();

    PGSimpleDataSource ds = PoolFactory.dataSource(config, null);

    assertThat(ds.getUrl()).as("the driver logs this URL").doesNotContain("KEY-CANARY");
    assertThat(ds.getSslPassword()).isNull();
    assertThat(ds.getSslPasswordCallback()).isEqualTo(SslKeyPasswordCallback.class.getName());
    Properties info = new Properties();
    info.setProperty("sslkey", Path.of("/keys/client.pk8").toString());
    PasswordCallback callback = new PasswordCallback("Enter SSL password: ", false);
    new SslKeyPasswordCallback(info).handle(new Callback[] {callback});
    assertThat(callback.getPassword()).containsExactly("KEY-CANARY".toCharArray());
  }

  @Test
  void otherCallbacksAreRefused() {
    SslKeyPasswordCallback handler = new SslKeyPasswordCallback(new Properties());
    assertThatThrownBy(() -> handler.handle(new Callback[] {new NameCallback("name")}))
        .isInstanceOf(UnsupportedCallbackException.class);
  }
}
