package dev.pgdest;

import dev.pgdest.internal.config.ConfigRules;
import dev.pgdest.internal.config.PgdestStyle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An SSH tunnel through a bastion host, for a database that is not reachable from the internet.
 * Public-key authentication only (ed25519, ECDSA, RSA with rsa-sha2 signatures; OpenSSH, PEM or
 * PKCS#8 keys, optionally with a passphrase). The bastion's host key is verified against a
 * known_hosts text or a SHA-256 fingerprint; skipping that takes {@link
 * #insecureAcceptAnyHostKey()}, which logs a warning on every open.
 *
 * <p>Needs a {@code dev.pgdest.spi.TunnelProvider} on the class path: add {@code
 * dev.pgdest:pgdest-ssh}. Immutable and thread-safe.
 *
 * <pre>{@code
 * SshTunnel tunnel = SshTunnel.builder()
 *     .host("bastion.example.com")
 *     .username("tunnel")
 *     .privateKeyPem(pem)
 *     .hostKeyFingerprint("SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@PgdestStyle
public abstract class SshTunnel {

  SshTunnel() {}

  /** A new builder. Required: host, username, one private key, one way to verify the host key. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bastion's host name or address. */
  public abstract String host();

  /** The bastion's SSH port; 22 unless set. */
  @Value.Default
  public int port() {
    return 22;
  }

  /** The SSH user whose {@code ~/.ssh/authorized_keys} holds our public key. */
  public abstract String username();

  /** The private key as text (OpenSSH, PEM or PKCS#8). Masked in {@link #toString()}. */
  @Value.Redacted
  public abstract Optional<String> privateKeyPem();

  /** The private key as a file, instead of {@link #privateKeyPem()}. */
  public abstract Optional<Path> privateKeyFile();

  /** The private key's passphrase, if it is encrypted. Masked in {@link #toString()}. */
  @Value.Redacted
  public abstract Optional<String> passphrase();

  /** known_hosts text with the bastion's host key(s). */
  public abstract Optional<String> knownHosts();

  /** The bastion's host key fingerprint, as {@code ssh-keygen -l} prints it: {@code SHA256:...}. */
  public abstract Optional<String> hostKeyFingerprint();

  /** Accept any host key without checking. Insecure: a warning is logged every time it is used. */
  @Value.Default
  public boolean insecureAcceptAnyHostKey() {
    return false;
  }

  /** How often to send SSH keepalives so a dead bastion is noticed; 15 seconds unless set. */
  @Value.Default
  public Duration keepAliveInterval() {
    return Duration.ofSeconds(15);
  }

  /** How long to wait for the bastion to answer and authenticate us; 10 seconds unless set. */
  @Value.Default
  public Duration connectTimeout() {
    return Duration.ofSeconds(10);
  }

  @Value.Check
  final void validate() {
    ConfigRules.validate(this);
  }

  /** Builds an {@link SshTunnel}. Not thread-safe. */
  public static final class Builder extends ImmutableSshTunnel.Builder {
    Builder() {}

    /**
     * Validates every field and returns the configuration.
     *
     * @throws ConfigurationException naming the missing or invalid field and the rule
     */
    @Override
    public SshTunnel build() {
      try {
        return super.build();
      } catch (IllegalStateException e) {
        throw new ConfigurationException(ConfigRules.builderMessage("SshTunnel", e), e);
      }
    }
  }
}
