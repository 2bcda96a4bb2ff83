package dev.pgdest.testkit.internal.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the zonky binaries jar of one version: on the class path, else in the local Maven
 * repository, else downloaded from a Maven repository into the local one (checked against its
 * {@code .sha1}, written to a temporary file and moved into place atomically).
 */
final class BinaryArtifacts {

  static final String REPOSITORY_PROPERTY = "pgdest.maven.repository";
  static final String DEFAULT_REPOSITORY = "https://repo.maven.apache.org/maven2";

  private static final Logger LOG = LoggerFactory.getLogger(BinaryArtifacts.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String artifactId;
  private final Path localRepository;
  private final String remoteRepository;

  BinaryArtifacts(String artifactId, Path localRepository, String remoteRepository) {
    this.artifactId = artifactId;
    this.localRepository = localRepository;
    this.remoteRepository = remoteRepository.endsWith("/")
        ? remoteRepository.substring(0, remoteRepository.length() - 1) : remoteRepository;
  }

  /** Uses this machine's artifact and the repositories named by system properties. */
  static BinaryArtifacts fromSystemProperties() {
    String local = System.getProperty("maven.repo.local");
    Path localRepo = local != null && !local.isBlank()
        ? Path.of(local)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
    return new BinaryArtifacts(Platform.artifactId(), localRepo,
        System.getProperty(REPOSITORY_PROPERTY, DEFAULT_REPOSITORY));
  }

  /** The archive of {@code version}, downloading the jar if neither class path nor repo has it. */
  BinaryArchive locate(String version) throws IOException {
    String jarName = Platform.jarName(artifactId, version);
    ClassLoader loader = BinaryArtifacts.class.getClassLoader();
    BinaryArchive onClassPath = BinaryArchive.onClassPath(loader, jarName);
    if (onClassPath != null) {
      return onClassPath;
    }
    Path jar = localRepository.resolve(Platform.jarPath(artifactId, version));
    if (!Files.isRegularFile(jar)) {
      download(version, jar);
    }
    return BinaryArchive.inJarFile(jar);
  }

  private void download(String version, Path target) throws IOException {
    String url = remoteRepository + "/" + Platform.jarPath(artifactId, version);
    LOG.info("Downloading PostgreSQL binaries {} to {}", url, target);
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    String expectedSha1 = parseSha1(new String(get(http, url + ".sha1"), StandardCharsets.US_ASCII), url);

    Files.createDirectories(target.getParent());
    Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      String actualSha1 = fetchTo(http, url, part);
      if (!actualSha1.equals(expectedSha1)) {
        throw new IOException("SHA-1 mismatch for " + url + ": expected " + expectedSha1
            + " but downloaded " + actualSha1);
      }
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(target.resolveSibling(target.getFileName() + ".sha1"), expectedSha1);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** A {@code .sha1} file holds the hex digest, optionally followed by a file name. */
  static String parseSha1(String content, String url) throws IOException {
    String trimmed = content.trim();
    String first = trimmed.isEmpty() ? "" : trimmed.split("\\s+")[0].toLowerCase(Locale.ROOT);
    if (!first.matches("[0-9a-f]{40}")) {
      throw new IOException("not a SHA-1 checksum at " + url + ".sha1");
    }
    return first;
  }

  private static byte[] get(HttpClient http, String url) throws IOException {
    HttpResponse<byte[]> response = send(http, url, HttpResponse.BodyHandlers.ofByteArray());
    return response.body();
  }

  private static String fetchTo(HttpClient http, String url, Path file) throws IOException {
    HttpResponse<InputStream> response = send(http, url, HttpResponse.BodyHandlers.ofInputStream());
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(response.body(), sha1);
        OutputStream out = Files.newOutputStream(file)) {
      in.transferTo(out);
    }
    return HexFormat.of().formatHex(sha1.digest());
  }

  private static <T> HttpResponse<T> send(HttpClient http, String url, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build();
    HttpResponse<T> response;
    try {
      response = http.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + url, e);
    }
    if (response.statusCode() != 200) {
      if (response.body() instanceof InputStream) {
        ((InputStream) response.body()).close();
      }
      throw new IOException("HTTP " + response.statusCode() + " for " + url);
    }
    return response;
  }
}
