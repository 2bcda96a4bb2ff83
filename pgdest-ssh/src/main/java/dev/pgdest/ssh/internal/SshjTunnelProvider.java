package dev.pgdest.ssh.internal;

import dev.pgdest.spi.TunnelFailure;
import dev.pgdest.spi.TunnelProvider;
import dev.pgdest.spi.TunnelSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

/**
 * The SSH {@link TunnelProvider}, built on sshj. Registered in {@code META-INF/services}; users
 * never name it. Public only because {@link java.util.ServiceLoader} instantiates it. Thread-safe.
 */
public final class SshjTunnelProvider implements TunnelProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public SshjTunnelProvider() {}

  @Override
  public String name() {
    return "sshj";
  }

  @Override
  public boolean supports(Map<String, ?> settings) {
    return "ssh".equals(settings.get(TunnelSettings.KIND));
  }

  @Override
  public Tunnel open(Map<String, ?> settings, String targetHost, int targetPort) throws IOException {
    TunnelOptions options = new TunnelOptions(settings);
    // With insecureAcceptAnyHostKey, HostKeyCheck warns on every session, naming the key it took.
    KeyPair keyPair = loadKey(options);
    return SshjTunnel.open(new BastionConnector(options, keyPair), targetHost, targetPort);
  }

  private static KeyPair loadKey(TunnelOptions options) throws TunnelFailure {
    char[] passphrase = options.passphrase();
    Path file = options.privateKeyFile();
    if (file != null) {
      return KeyLoader.load(file, passphrase);
    }
    char[] text = options.privateKey();
    if (text == null) {
      throw new TunnelFailure(TunnelFailure.Reason.KEY_UNUSABLE,
          "SSH tunnel " + options.description() + " has no private key (privateKeyPem or privateKeyFile)", null);
    }
    return KeyLoader.load(new String(text), passphrase, "privateKeyPem");
  }
}
