package dev.pgdest.testkit.internal.embedded;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code postgres-<os>-<arch>.txz} archive inside a zonky binaries jar, found on the classpath or
 * in a jar file. Each {@link #open()} returns a fresh stream over the compressed archive.
 */
final class BinaryArchive {

  private static final Pattern ARCHIVE_ENTRY = Pattern.compile("postgres-[a-z]+-[^/]+\\.txz");

  private final String description;
  private final Opener opener;

  private BinaryArchive(String description, Opener opener) {
    this.description = description;
    this.opener = opener;
  }

  @FunctionalInterface
  private interface Opener {
    InputStream open() throws IOException;
  }

  /** Where the archive comes from, for log lines and error messages. */
  String description() {
    return description;
  }

  InputStream open() throws IOException {
    return opener.open();
  }

  /** The archive inside a jar file on disk. */
  static BinaryArchive inJarFile(Path jar) {
    return new BinaryArchive(jar.toString(), () -> {
      ZipFile zip = new ZipFile(jar.toFile());
      try {
        ZipEntry entry = zip.getEntry(archiveEntryName(jar.toString(), zipEntryNames(zip)));
        return new ClosingStream(zip.getInputStream(entry), zip);
      } catch (IOException | RuntimeException e) {
        zip.close();
        throw e;
      }
    });
  }

  /**
   * The archive inside the binaries jar of exactly this version on the class path, or null. Jars
   * carry no Maven metadata, so the jar is recognised by its file name.
   */
  static BinaryArchive onClassPath(ClassLoader loader, String jarName) throws IOException {
    Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
    while (manifests.hasMoreElements()) {
      String url = manifests.nextElement().toString();
      int bang = url.lastIndexOf("!/");
      if (!url.startsWith("jar:") || bang < 0) {
        continue;
      }
      String jarUrl = url.substring(0, bang);
      if (!jarUrl.endsWith("/" + jarName)) {
        continue;
      }
      String inner = jarUrl.substring("jar:".length());
      if (inner.startsWith("file:") && inner.indexOf("!/") < 0) {
        return inJarFile(Path.of(URI.create(inner)));
      }
      return inJarUrl(jarUrl + "!/");
    }
    return null;
  }

  /** A jar that is not a plain file (for example nested in an application archive). */
  private static BinaryArchive inJarUrl(String jarRootUrl) {
    return new BinaryArchive(jarRootUrl, () -> {
      JarURLConnection connection = (JarURLConnection) URI.create(jarRootUrl).toURL().openConnection();
      connection.setUseCaches(false);
      ZipFile jar = connection.getJarFile();
      try {
        ZipEntry entry = jar.getEntry(archiveEntryName(jarRootUrl, zipEntryNames(jar)));
        return new ClosingStream(jar.getInputStream(entry), jar);
      } catch (IOException | RuntimeException e) {
        jar.close();
        throw e;
      }
    });
  }

  private static List<String> zipEntryNames(ZipFile zip) {
    List<String> names = new ArrayList<>();
    zip.stream().forEach(e -> names.add(e.getName()));
    return names;
  }

  static String archiveEntryName(String jar, List<String> entryNames) throws IOException {
    List<String> matches = new ArrayList<>();
    for (String name : entryNames) {
      if (ARCHIVE_ENTRY.matcher(name).matches()) {
        matches.add(name);
      }
    }
    if (matches.size() != 1) {
      throw new IOException("expected one postgres-*.txz archive in " + jar + " but found "
          + (matches.isEmpty() ? "none among " + entryNames : matches));
    }
    return matches.get(0);
  }

  @Override
  public String toString() {
    return description;
  }

  /** Closes the owning zip file together with the entry stream. */
  private static final class ClosingStream extends FilterInputStream {
    private final AutoCloseable owner;

    ClosingStream(InputStream in, AutoCloseable owner) {
      super(in);
      this.owner = owner;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        try {
          owner.close();
        } catch (IOException e) {
          throw e;
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    }
  }
}
