package dev.pgdest.testkit.internal.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
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
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the zonky binaries jar of one version: on the class path, else in the local Maven
 * repository, else downloaded from a Maven repository into the local one (checked against its
 * {@code .sha1}, written to a temporary file and moved into place atomically).
 *
 * <p>The download goes where Maven would go: to {@value #REPOSITORY_PROPERTY} when set, else to
 * the mirror of {@code central} in the user's Maven settings (see {@link MavenSettings}), else to
 * Maven Central; through the settings' active proxy for that protocol. A failure names the
 * artifact, where it was fetched from and the settings to change.
 */
final class BinaryArtifacts {

  static final String REPOSITORY_PROPERTY = "pgdest.maven.repository";
  static final String DEFAULT_REPOSITORY = "https://repo.maven.apache.org/maven2";

  private static final Logger LOG = LoggerFactory.getLogger(BinaryArtifacts.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String artifactId;
  private final Path localRepository;
  private final String remoteRepository;
  /** Where the repository and proxy came from, for messages. */
  private final String source;
  private final Optional<MavenSettings.Mirror> mirror;
  private final Optional<MavenSettings.Proxy> proxy;

  BinaryArtifacts(String artifactId, Path localRepository, String remoteRepository) {
    this(artifactId, localRepository, remoteRepository, "-D" + REPOSITORY_PROPERTY, Optional.empty(), Optional.empty());
  }

  private BinaryArtifacts(String artifactId, Path localRepository, String remoteRepository, String source,
      Optional<MavenSettings.Mirror> mirror, Optional<MavenSettings.Proxy> proxy) {
    this.artifactId = artifactId;
    this.localRepository = localRepository;
    this.remoteRepository = remoteRepository.endsWith("/")
        ? remoteRepository.substring(0, remoteRepository.length() - 1) : remoteRepository;
    this.source = source;
    this.mirror = mirror;
    this.proxy = proxy;
  }

  /** Uses this machine's artifact, and the repositories of the system properties and Maven settings. */
  static BinaryArtifacts fromSystemProperties() throws IOException {
    String local = System.getProperty("maven.repo.local");
    Path localRepo = local != null && !local.isBlank()
        ? Path.of(local)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
    return withSettings(Platform.artifactId(), localRepo, System.getProperty(REPOSITORY_PROPERTY),
        MavenSettings.fromSystemProperties());
  }

  /** {@code explicitRepository} (may be null) wins over the settings' mirror of central. */
  static BinaryArtifacts withSettings(String artifactId, Path localRepo, String explicitRepository,
      MavenSettings settings) {
    Optional<MavenSettings.Mirror> mirror = explicitRepository == null || explicitRepository.isBlank()
        ? settings.centralMirror() : Optional.empty();
    String url = mirror.map(MavenSettings.Mirror::url)
        .orElse(explicitRepository == null || explicitRepository.isBlank() ? DEFAULT_REPOSITORY : explicitRepository);
    String source = mirror.map(m -> "mirror '" + m.id() + "' in " + settings.file())
        .orElse(explicitRepository == null || explicitRepository.isBlank()
            ? "Maven Central (no mirror of central in " + settings.file() + ")" : "-D" + REPOSITORY_PROPERTY);
    return new BinaryArtifacts(artifactId, localRepo, url, source, mirror, settings.proxyFor(URI.create(url)));
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
      try {
        download(version, jar);
      } catch (IOException e) {
        throw new IOException(failure(version, e), e);
      }
    }
    return BinaryArchive.inJarFile(jar);
  }

  private String failure(String version, IOException e) {
    String coordinates = Platform.coordinates(artifactId, version);
    return "could not download the PostgreSQL binaries " + coordinates + " from " + remoteRepository
        + " (" + source + proxy.map(p -> ", through proxy " + p.host() + ":" + p.port()).orElse("") + "): "
        + e.getMessage() + ". Fix that mirror or proxy in your Maven settings (or name another settings file with -D"
        + MavenSettings.PROPERTY + "), point -D" + REPOSITORY_PROPERTY + " at a repository that has the artifact,"
        + " or put it into " + localRepository + " with: mvn dependency:get -Dartifact=" + coordinates;
  }

  private void download(String version, Path target) throws IOException {
    String url = remoteRepository + "/" + Platform.jarPath(artifactId, version);
    LOG.info("Downloading PostgreSQL binaries {} to {}", url, target);
    HttpClient http = client();
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

  private HttpClient client() throws IOException {
    HttpClient.Builder b = HttpClient.newBuilder()
        .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL);
    if (proxy.isPresent()) {
      MavenSettings.Proxy p = proxy.get();
      b.proxy(ProxySelector.of(new InetSocketAddress(p.host(), p.port())));
      if (p.username().isPresent()) {
        String user = p.username().get();
        char[] password = plain(p.password().orElse(""), "proxy password").toCharArray();
        b.authenticator(new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(user, password) : null;
          }
        });
      }
    }
    return b.build();
  }

  private Optional<String> authorization() throws IOException {
    if (mirror.isEmpty() || mirror.get().username().isEmpty()) {
      return Optional.empty();
    }
    String pair = mirror.get().username().get() + ":" + plain(mirror.get().password().orElse(""), "server password");
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private static String plain(String password, String what) throws IOException {
    if (password.startsWith("{") && password.endsWith("}")) {
      throw new IOException("the " + what + " in the Maven settings is encrypted, which only Maven can read;"
          + " give the plain value in a settings file named with -D" + MavenSettings.PROPERTY);
    }
    return password;
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

  private byte[] get(HttpClient http, String url) throws IOException {
    HttpResponse<byte[]> response = send(http, url, HttpResponse.BodyHandlers.ofByteArray());
    return response.body();
  }

  private String fetchTo(HttpClient http, String url, Path file) throws IOException {
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

  private <T> HttpResponse<T> send(HttpClient http, String url, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET();
    Optional<String> auth = authorization();
    if (auth.isPresent()) {
      request.header("Authorization", auth.get());
    }
    HttpResponse<T> response;
    try {
      response = http.send(request.build(), handler);
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
