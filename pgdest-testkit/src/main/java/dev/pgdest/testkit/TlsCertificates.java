package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.tls.CertificateFactory;
import dev.pgdest.testkit.internal.tls.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A throw-away certificate authority with a server certificate signed by it, written as files a
 * PostgreSQL server and pgjdbc can use; it also issues client certificates for {@code cert}
 * authentication. Keys are ECDSA P-256, certificates are valid from yesterday for 30 days.
 *
 * <p>Files land in a fresh temporary directory ({@link #directory()}): {@code root.crt} (the CA, the
 * client's {@code sslrootcert} and the server's {@code ssl_ca_file}), {@code server.crt},
 * {@code server.key}, and for each client certificate {@code <user>.crt} with its key as PKCS#8 DER
 * {@code <user>.pk8}, the form pgjdbc reads. The directory is deleted when the JVM exits.
 *
 * <p>Immutable apart from the client certificates it writes; thread-safe.
 *
 * <pre>{@code
 * TlsCertificates tls = TlsCertificates.generate("127.0.0.1", "localhost");
 * try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.builder().tls(tls)
 *     .hbaLine("hostnossl all all 127.0.0.1/32 reject").start()) {
 *   DestinationConfig config = TestDestinations.builder(pg, "postgres", "public", pg.superuser(),
 *       pg.superuserPassword()).sslMode(SslMode.VERIFY_FULL).sslRootCert(tls.caCertFile()).build();
 * }
 * }</pre>
 */
public final class TlsCertificates {

  private final Path directory;
  private final KeyPair caKeys;
  private final X509Certificate caCert;
  private final byte[] serverCertPem;
  private final byte[] serverKeyPem;

  private TlsCertificates(Path directory, KeyPair caKeys, X509Certificate caCert, byte[] serverCertPem,
      byte[] serverKeyPem) {
    this.directory = directory;
    this.caKeys = caKeys;
    this.caCert = caCert;
    this.serverCertPem = serverCertPem;
    this.serverKeyPem = serverKeyPem;
  }

  /**
   * Generates a CA and a server certificate for {@code serverNames}: each is a subject alternative
   * name, an IP address when it parses as one (for example {@code 127.0.0.1}), else a DNS name.
   *
   * @throws IllegalArgumentException if no name is given
   */
  public static TlsCertificates generate(String... serverNames) {
    if (serverNames == null || serverNames.length == 0) {
      throw new IllegalArgumentException("serverNames must name at least one host, e.g. 127.0.0.1");
    }
    try {
      KeyPair caKeys = CertificateFactory.newKeyPair();
      X509Certificate ca = CertificateFactory.selfSignedCa(caKeys, "pgdest-testkit CA");
      KeyPair serverKeys = CertificateFactory.newKeyPair();
      X509Certificate server = CertificateFactory.serverCertificate(ca, caKeys, serverKeys, List.of(serverNames));
      Path dir = Files.createTempDirectory("pgdest-tls-");
      dir.toFile().deleteOnExit();
      TlsCertificates tls = new TlsCertificates(dir, caKeys, ca, Pem.certificate(server), Pem.privateKey(serverKeys));
      tls.write("root.crt", Pem.certificate(ca), false);
      tls.write("server.crt", tls.serverCertPem, false);
      tls.write("server.key", tls.serverKeyPem, true);
      return tls;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the generated certificates", e);
    }
  }

  /** The directory holding the generated files. */
  public Path directory() {
    return directory;
  }

  /** The CA certificate (PEM): pgjdbc's {@code sslrootcert}, the server's {@code ssl_ca_file}. */
  public Path caCertFile() {
    return directory.resolve("root.crt");
  }

  /** The server certificate (PEM). */
  public Path serverCertFile() {
    return directory.resolve("server.crt");
  }

  /** The server's private key (PEM, readable by the owner only). */
  public Path serverKeyFile() {
    return directory.resolve("server.key");
  }

  /** The CA certificate as PEM bytes. */
  public byte[] caCertPem() {
    return Pem.certificate(caCert);
  }

  /** The server certificate as PEM bytes. */
  public byte[] serverCertPem() {
    return serverCertPem.clone();
  }

  /** The server's private key as PEM bytes. */
  public byte[] serverKeyPem() {
    return serverKeyPem.clone();
  }

  /**
   * Issues a client certificate whose common name is {@code user}, the role name PostgreSQL's
   * {@code cert} authentication maps it to, and writes {@code <n>.crt} and {@code <n>.pk8}.
   */
  public synchronized ClientCertificate issueClientCertificate(String user) {
    Objects.requireNonNull(user, "user");
    if (user.isEmpty()) {
      throw new IllegalArgumentException("user must not be empty");
    }
    KeyPair keys = CertificateFactory.newKeyPair();
    X509Certificate cert = CertificateFactory.clientCertificate(caCert, caKeys, keys, user);
    String base = "client-" + Integer.toHexString(user.hashCode()) + "-" + System.nanoTime();
    try {
      Path certFile = write(base + ".crt", Pem.certificate(cert), false);
      Path keyFile = write(base + ".pk8", keys.getPrivate().getEncoded(), true);
      return new ClientCertificate(user, certFile, keyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the client certificate for " + user, e);
    }
  }

  private Path write(String name, byte[] content, boolean privateKey) throws IOException {
    Path file = directory.resolve(name);
    Files.write(file, content);
    file.toFile().deleteOnExit();
    if (privateKey) {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  @Override
  public String toString() {
    return "TlsCertificates[" + directory + ", " + caCert.getSubjectX500Principal().getName() + "]";
  }

  /**
   * A client certificate and its key, for {@code DestinationConfig.sslClientCert(..)} and
   * {@code sslClientKey(..)}. Immutable and thread-safe.
   *
   * <p>{@code builder.sslClientCert(cc.certFile()).sslClientKey(cc.keyFile())}
   */
  public static final class ClientCertificate {
    private final String user;
    private final Path certFile;
    private final Path keyFile;

    ClientCertificate(String user, Path certFile, Path keyFile) {
      this.user = user;
      this.certFile = certFile;
      this.keyFile = keyFile;
    }

    /** The role name in the certificate's common name. */
    public String user() {
      return user;
    }

    /** The certificate (PEM). */
    public Path certFile() {
      return certFile;
    }

    /** The unencrypted private key as PKCS#8 DER ({@code .pk8}). */
    public Path keyFile() {
      return keyFile;
    }

    @Override
    public String toString() {
      return "ClientCertificate[user=" + user + ", " + certFile + "]";
    }
  }
}
