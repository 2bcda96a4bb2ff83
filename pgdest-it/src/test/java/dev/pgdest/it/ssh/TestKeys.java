package dev.pgdest.it.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/** Client keys of every supported type, written in every format, generated in Java (no ssh-keygen). */
final class TestKeys {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  enum Kind {
    ED25519("ssh-ed25519", 256),
    ECDSA_P256("ecdsa-sha2-nistp256", 256),
    RSA_3072("ssh-rsa", 3072);

    final String sshName;
    final int bits;

    Kind(String sshName, int bits) {
      this.sshName = sshName;
      this.bits = bits;
    }
  }

  enum Format { OPENSSH, PEM, PKCS8 }

  private TestKeys() {}

  static KeyPair generate(Kind kind) {
    try {
      return KeyUtils.generateKeyPair(kind.sshName, kind.bits);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code <type> <base64> test}: the line for the bastion's authorized_keys. */
  static String authorizedKeysLine(KeyPair pair) {
    return PublicKeyEntry.toString(pair.getPublic()) + " test";
  }

  /** The private key as text in {@code format}, encrypted when {@code passphrase} is not null. */
  static String write(KeyPair pair, Format format, String passphrase) {
    try {
      switch (format) {
        case OPENSSH:
          return openSsh(pair, passphrase);
        case PEM:
          return pem(new JcaMiscPEMGenerator(pair.getPrivate(), passphrase == null ? null
              : new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(passphrase.toCharArray())));
        case PKCS8:
          return pem(new JcaPKCS8Generator(pair.getPrivate(), passphrase == null ? null
              : new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC)
                  .setPassword(passphrase.toCharArray()).build()));
        default:
          throw new IllegalArgumentException(format.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String openSsh(KeyPair pair, String passphrase) throws IOException, GeneralSecurityException {
    OpenSSHKeyEncryptionContext options = null;
    if (passphrase != null) {
      options = new OpenSSHKeyEncryptionContext();
      options.setPassword(passphrase);
      options.setCipherName("AES");
      options.setCipherMode("CTR");
      options.setCipherType("256");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", options, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String pem(Object generator) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      if (generator instanceof JcaMiscPEMGenerator) {
        writer.writeObject((JcaMiscPEMGenerator) generator);
      } else {
        writer.writeObject((JcaPKCS8Generator) generator);
      }
    }
    return text.toString();
  }
}
