package dev.pgdest.ssh;

import dev.pgdest.ssh.internal.KeyLoader;
import dev.pgdest.spi.TunnelFailure;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Creates and inspects the key pair a sync service uses to reach its customers' bastions: the
 * private key goes into {@code SshTunnel.builder().privateKeyPem(...)} (keep it in
 * your secret store), the {@code authorized_keys} line goes to the customer, who adds it on the
 * bastion. Stateless and thread-safe.
 *
 * <pre>{@code
 * SshKeyPair key = SshKeys.generateEd25519();
 * secretStore.put("bastion-key", key.privateKey());
 * System.out.println(key.authorizedKeysLine("acme-sync"));  // ssh-ed25519 AAAAC3Nz... acme-sync
 * System.out.println(key.fingerprint());                     // SHA256:...
 * }</pre>
 */
public final class SshKeys {
  private static final int MIN_RSA_BITS = 2048;
  private static final int MAX_RSA_BITS = 16384;

  private SshKeys() {}

  /**
   * A new Ed25519 key pair, the recommended kind (OpenSSH 6.5 and later). The private key is in
   * OpenSSH format ({@code BEGIN OPENSSH PRIVATE KEY}), unencrypted.
   */
  public static SshKeyPair generateEd25519() {
    return generate("Ed25519", 0);
  }

  /**
   * A new RSA key pair, for bastions too old for Ed25519. The private key is in PEM form
   * ({@code BEGIN RSA PRIVATE KEY}), unencrypted; pgdest signs with rsa-sha2-256/512.
   *
   * @param bits the modulus size, 2048 to 16384; 3072 or more is recommended
   */
  public static SshKeyPair generateRsa(int bits) {
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
      throw new IllegalArgumentException("RSA key size must be in " + MIN_RSA_BITS + ".." + MAX_RSA_BITS + ": " + bits);
    }
    return generate("RSA", bits);
  }

  /**
   * Reads an existing private key (OpenSSH, PEM or PKCS#8; pasted text is repaired as the tunnel
   * does) to show its public line and fingerprint.
   *
   * @param passphrase the key's passphrase, or null when it is not encrypted
   * @throws IllegalArgumentException when the key cannot be read; the message never quotes it
   */
  public static SshKeyPair read(String privateKey, String passphrase) {
    try {
      KeyPair pair = KeyLoader.load(privateKey, passphrase == null ? null : passphrase.toCharArray(), "given text");
      return new SshKeyPair(privateKey, pair.getPublic());
    } catch (TunnelFailure e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static SshKeyPair generate(String algorithm, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (bits > 0) {
        generator.initialize(bits);
      }
      KeyPair jdk = generator.generateKeyPair();
      AsymmetricKeyParameter params = PrivateKeyFactory.createKey(jdk.getPrivate().getEncoded());
      byte[] encoded = OpenSSHPrivateKeyUtil.encodePrivateKey(params);
      String label = "Ed25519".equals(algorithm) ? "OPENSSH PRIVATE KEY" : "RSA PRIVATE KEY";
      String text = pem(label, encoded);
      // Reading our own output back proves the tunnel will accept it and gives sshj's view of the key.
      KeyPair loaded = KeyLoader.load(text, null, "generated key");
      return new SshKeyPair(text, loaded.getPublic());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not generate an " + algorithm + " key pair", e);
    }
  }

  private static String pem(String label, byte[] der) {
    // OpenSSH wraps at 70 columns, PEM at 64; readers accept either.
    int width = label.startsWith("OPENSSH") ? 70 : 64;
    String base64 = Base64.getEncoder().encodeToString(der);
    StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < base64.length(); i += width) {
      out.append(base64, i, Math.min(base64.length(), i + width)).append('\n');
    }
    return out.append("-----END ").append(label).append("-----\n").toString();
  }
}
