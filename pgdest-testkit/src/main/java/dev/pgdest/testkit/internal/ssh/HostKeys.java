package dev.pgdest.testkit.internal.ssh;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;

/**
 * The bastion's host key: generated in memory, never written to disk, and replaceable while the
 * server runs so that tests can play a reinstalled (or impersonated) bastion. Thread-safe.
 */
public final class HostKeys implements KeyPairProvider {
  private final String type;
  private final int bits;
  private volatile KeyPair current;

  /** A generated host key of the given OpenSSH type ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ssh-rsa}). */
  public HostKeys(String type, int bits) {
    this.type = type;
    this.bits = bits;
    this.current = generate();
  }

  /** The key the server presents now. */
  public KeyPair current() {
    return current;
  }

  /** Replaces the key with a fresh one of the same type; new sessions see the new key. */
  public void rotate() {
    current = generate();
  }

  @Override
  public Iterable<KeyPair> loadKeys(SessionContext session) {
    return List.of(current);
  }

  private KeyPair generate() {
    try {
      return KeyUtils.generateKeyPair(type, bits);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + type + " host key", e);
    }
  }
}
