package dev.pgdest.testkit.internal.tls;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * PEM encoding of certificates and PKCS#8 private keys, as OpenSSL (the server) and pgjdbc read them.
 *
 * <p>Stateless and thread-safe.
 *
 * <p>{@code Files.write(path, Pem.certificate(cert));}
 */
public final class Pem {

  private Pem() {}

  /** {@code -----BEGIN CERTIFICATE-----}. */
  public static byte[] certificate(X509Certificate cert) {
    try {
      return encode("CERTIFICATE", cert.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("could not encode " + cert.getSubjectX500Principal(), e);
    }
  }

  /** {@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS#8). */
  public static byte[] privateKey(KeyPair keys) {
    return encode("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  private static byte[] encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
