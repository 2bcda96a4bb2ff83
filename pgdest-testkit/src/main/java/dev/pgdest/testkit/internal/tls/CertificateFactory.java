package dev.pgdest.testkit.internal.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates ECDSA P-256 key pairs and X.509 v3 certificates with BouncyCastle: a self-signed CA,
 * server certificates with subject alternative names, client certificates whose common name is a
 * role. Uses the JDK's providers for keys and signatures, so no provider is registered globally.
 *
 * <p>Stateless and thread-safe.
 *
 * <p>{@code X509Certificate ca = CertificateFactory.selfSignedCa(CertificateFactory.newKeyPair(), "CA");}
 */
public final class CertificateFactory {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration VALIDITY = Duration.ofDays(30);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private CertificateFactory() {}

  /** A new ECDSA P-256 key pair. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate EC P-256 keys", e);
    }
  }

  /** A self-signed CA certificate allowed to sign certificates (path length 0). */
  public static X509Certificate selfSignedCa(KeyPair keys, String commonName) {
    X500Name name = name(commonName);
    return build(name, keys, name, keys, builder -> {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    });
  }

  /** A server certificate for {@code names} (IP addresses or DNS names), signed by the CA. */
  public static X509Certificate serverCertificate(X509Certificate ca, KeyPair caKeys, KeyPair keys, List<String> names) {
    GeneralName[] alternatives = names.stream().map(CertificateFactory::generalName).toArray(GeneralName[]::new);
    return build(name(names.get(0)), keys, issuer(ca), caKeys, builder -> {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
    });
  }

  /** A client certificate whose common name is {@code user}, signed by the CA. */
  public static X509Certificate clientCertificate(X509Certificate ca, KeyPair caKeys, KeyPair keys, String user) {
    return build(name(user), keys, issuer(ca), caKeys, builder -> {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    });
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws CertIOException;
  }

  private static X509Certificate build(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys,
      Extensions extensions) {
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
          new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
      extensions.add(builder);
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("could not build a certificate for " + subject, e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "pgdest-testkit")
        .addRDN(BCStyle.CN, commonName).build();
  }

  private static X500Name issuer(X509Certificate ca) {
    return X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
  }

  private static GeneralName generalName(String name) {
    if (IPV4.matcher(name).matches() || name.indexOf(':') >= 0) {
      try {
        return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress());
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + name, e);
      }
    }
    return new GeneralName(GeneralName.dNSName, name);
  }
}
