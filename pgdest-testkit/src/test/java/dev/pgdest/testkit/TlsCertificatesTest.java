package dev.pgdest.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsCertificatesTest {

  private final TlsCertificates tls = TlsCertificates.generate("127.0.0.1", "db.example.com");

  @Test
  void serverCertificateChainsToTheCaAndNamesEveryHost() throws Exception {
    X509Certificate ca = read(tls.caCertFile());
    X509Certificate server = read(tls.serverCertFile());
    server.verify(ca.getPublicKey());
    assertThat(ca.getBasicConstraints()).as("CA path length").isZero();
    assertThat(server.getBasicConstraints()).as("server is not a CA").isEqualTo(-1);
    assertThat(server.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(7, "127.0.0.1"), List.of(2, "db.example.com"));
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
  }

  @Test
  void privateKeysAreReadableByTheOwnerOnly() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.serverKeyFile()))).isEqualTo("rw-------");
    assertThat(Files.readString(tls.serverKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void clientCertificateNamesTheUserAndItsKeyIsPkcs8Der() throws Exception {
    TlsCertificates.ClientCertificate cc = tls.issueClientCertificate("pgdest_writer");
    X509Certificate cert = read(cc.certFile());
    cert.verify(read(tls.caCertFile()).getPublicKey());
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=pgdest_writer");
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(cc.keyFile().toString()).endsWith(".pk8");
    assertThat(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(cc.keyFile()))))
        .isNotNull();
  }

  @Test
  void refusesToGenerateWithoutAHostName() {
    assertThatThrownBy(TlsCertificates::generate).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serverNames");
  }

  private static X509Certificate read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
