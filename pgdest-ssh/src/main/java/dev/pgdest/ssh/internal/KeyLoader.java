package dev.pgdest.ssh.internal;

import dev.pgdest.spi.TunnelFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Reads a private key in OpenSSH, PEM (PKCS#1, SEC1) or PKCS#8 form, plain or encrypted, and
 * decrypts it at once, so that a wrong passphrase is reported before the bastion is contacted.
 */
public final class KeyLoader {
  private static final DefaultConfig CONFIG = new DefaultConfig();

  private KeyLoader() {}

  /**
   * Loads a key given as a file.
   *
   * @throws TunnelFailure with {@link TunnelFailure.Reason#KEY_UNUSABLE}
   */
  public static KeyPair load(Path file, char[] passphrase) throws TunnelFailure {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TunnelFailure(TunnelFailure.Reason.KEY_UNUSABLE,
          "the SSH private key file " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
    return load(text, passphrase, "file " + file);
  }

  /**
   * Loads a key given as text; {@code where} names its origin in messages.
   *
   * @throws TunnelFailure with {@link TunnelFailure.Reason#KEY_UNUSABLE}
   */
  public static KeyPair load(String text, char[] passphrase, String where) throws TunnelFailure {
    String normalized = KeyTexts.normalize(text);
    if (Pkcs8Keys.isPkcs8(normalized)) {
      try {
        // Decrypted here, so sshj gets a plain key and the passphrase is not needed again.
        return load(Pkcs8Keys.toSshjForm(normalized, passphrase), null, where, "PKCS#8 format");
      } catch (Pkcs8Keys.Unreadable e) {
        String why = e.needsPassphrase ? "it is encrypted and no passphrase is configured"
            : e.wrongPassphrase ? "the passphrase is wrong, or the key is damaged"
            : "it could not be parsed (" + e.getMessage() + ")";
        throw new TunnelFailure(TunnelFailure.Reason.KEY_UNUSABLE,
            "the SSH private key (" + where + ", PKCS#8 format) cannot be used: " + why, e);
      }
    }
    return load(normalized, passphrase, where, null);
  }

  private static KeyPair load(String normalized, char[] passphrase, String where, String formatName)
      throws TunnelFailure {
    KeyFormat format;
    try {
      format = KeyProviderUtil.detectKeyFileFormat(normalized, false);
    } catch (IOException e) {
      format = KeyFormat.Unknown;
    }
    FileKeyProvider provider = format == KeyFormat.Unknown ? null
        : Factory.Named.Util.create(CONFIG.getFileKeyProviderFactories(), format.toString());
    if (provider == null) {
      throw new TunnelFailure(TunnelFailure.Reason.KEY_UNUSABLE, "the SSH private key (" + where + ") is not in a"
          + " known format: expected OpenSSH (BEGIN OPENSSH PRIVATE KEY), PEM (BEGIN RSA/EC PRIVATE KEY) or"
          + " PKCS#8 (BEGIN PRIVATE KEY / BEGIN ENCRYPTED PRIVATE KEY)", null);
    }
    Passphrase finder = new Passphrase(passphrase);
    provider.init(normalized, null, finder);
    try {
      PrivateKey privateKey = provider.getPrivate();
      PublicKey publicKey = provider.getPublic();
      if (privateKey == null || publicKey == null) {
        throw new IOException("no key found");
      }
      return new KeyPair(publicKey, privateKey);
    } catch (IOException | RuntimeException e) {
      // The cause's text comes from the parser and may quote structure, never key bytes; our own
      // message is what a customer reads.
      String why = finder.asked && passphrase == null
          ? "it is encrypted and no passphrase is configured"
          : finder.asked ? "the passphrase is wrong, or the key is damaged"
          : passphrase != null ? "it could not be parsed (a passphrase was configured but the key is not encrypted,"
              + " or the key is damaged)"
          : "it could not be parsed (damaged or truncated?)";
      throw new TunnelFailure(TunnelFailure.Reason.KEY_UNUSABLE,
          "the SSH private key (" + where + ", " + (formatName != null ? formatName : describe(format))
              + ") cannot be used: " + why, e);
    } finally {
      finder.wipe();
    }
  }

  private static String describe(KeyFormat format) {
    switch (format) {
      case OpenSSHv1: return "OpenSSH format";
      case PKCS8: return "PEM format";
      default: return format + " format";
    }
  }

  /** Hands sshj a copy of the passphrase once and remembers whether it was asked. */
  private static final class Passphrase implements PasswordFinder {
    private final char[] value;
    private boolean asked;

    Passphrase(char[] value) {
      this.value = value == null ? null : value.clone();
    }

    @Override
    public char[] reqPassword(Resource<?> resource) {
      asked = true;
      return value == null ? null : value.clone();
    }

    @Override
    public boolean shouldRetry(Resource<?> resource) {
      return false;
    }

    void wipe() {
      if (value != null) {
        Arrays.fill(value, '\0');
      }
    }
  }
}
