package dev.pgdest.ssh.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.Base64;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Rewrites a PKCS#8 key ({@code BEGIN PRIVATE KEY}, {@code BEGIN ENCRYPTED PRIVATE KEY}) in the
 * form sshj reads best for its type: OpenSSH for Ed25519, PEM (PKCS#1 or SEC1) for RSA and EC.
 * sshj 0.40's own PKCS#8 reader rejects Ed25519 and fails on some EC encodings.
 */
final class Pkcs8Keys {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  /** Why a PKCS#8 key could not be read. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean needsPassphrase;
    final boolean wrongPassphrase;

    Unreadable(String message, boolean needsPassphrase, boolean wrongPassphrase, Throwable cause) {
      super(message, cause);
      this.needsPassphrase = needsPassphrase;
      this.wrongPassphrase = wrongPassphrase;
    }
  }

  private Pkcs8Keys() {}

  static boolean isPkcs8(String text) {
    return text.contains("-----BEGIN PRIVATE KEY-----") || text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
  }

  /** The same key, decrypted, as OpenSSH or traditional PEM text. */
  static String toSshjForm(String text, char[] passphrase) throws Unreadable {
    PrivateKeyInfo info = decrypt(read(text), passphrase);
    try {
      AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
      byte[] encoded = key instanceof ECPrivateKeyParameters
          ? sec1(info, (ECPrivateKeyParameters) key) : OpenSSHPrivateKeyUtil.encodePrivateKey(key);
      String label;
      if (key instanceof Ed25519PrivateKeyParameters) {
        label = "OPENSSH PRIVATE KEY";
      } else if (key instanceof RSAKeyParameters) {
        label = "RSA PRIVATE KEY";
      } else if (key instanceof ECPrivateKeyParameters) {
        label = "EC PRIVATE KEY";
      } else {
        throw new Unreadable("unsupported key algorithm " + info.getPrivateKeyAlgorithm().getAlgorithm(), false, false,
            null);
      }
      return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded)
          + "\n-----END " + label + "-----\n";
    } catch (IOException | RuntimeException e) {
      throw new Unreadable("the PKCS#8 key could not be parsed", false, false, e);
    }
  }

  /**
   * SEC1 as OpenSSL writes it, curve and public key included. BouncyCastle 1.85 and newer leave
   * out what the PKCS#8 wrapper already says, and sshj cannot read that form.
   */
  private static byte[] sec1(PrivateKeyInfo info, ECPrivateKeyParameters key) throws IOException {
    ECPoint q = key.getParameters().getG().multiply(key.getD()).normalize();
    return new ECPrivateKey(key.getParameters().getN().bitLength(), key.getD(), new DERBitString(q.getEncoded(false)),
        info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
  }

  private static Object read(String text) throws Unreadable {
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      Object object = parser.readObject();
      if (object == null) {
        throw new Unreadable("no PEM object found", false, false, null);
      }
      return object;
    } catch (IOException e) {
      throw new Unreadable("the PKCS#8 key could not be parsed", false, false, e);
    }
  }

  private static PrivateKeyInfo decrypt(Object object, char[] passphrase) throws Unreadable {
    if (object instanceof PrivateKeyInfo) {
      return (PrivateKeyInfo) object;
    }
    if (!(object instanceof PKCS8EncryptedPrivateKeyInfo)) {
      throw new Unreadable("not a PKCS#8 private key", false, false, null);
    }
    if (passphrase == null) {
      throw new Unreadable("encrypted, no passphrase", true, false, null);
    }
    try {
      InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passphrase);
      return ((PKCS8EncryptedPrivateKeyInfo) object).decryptPrivateKeyInfo(decryptor);
    } catch (PKCSException | OperatorCreationException e) {
      throw new Unreadable("decryption failed", false, true, e);
    }
  }
}
