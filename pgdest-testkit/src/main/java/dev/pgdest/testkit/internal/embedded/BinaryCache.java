package dev.pgdest.testkit.internal.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts each binaries version once into {@code <root>/<version>/} and reuses it afterwards.
 *
 * <p>Safe across threads and JVMs: extraction runs under a per-version file lock, into a staging
 * directory that is renamed into place only when complete, so a directory with the completion
 * marker is always whole. Symbolic links, hard links and execute bits are kept; everything is made
 * world-readable so an unprivileged account can run binaries a root JVM extracted.
 */
final class BinaryCache {

  static final String COMPLETE_MARKER = ".pgdest-complete";

  private static final Logger LOG = LoggerFactory.getLogger(BinaryCache.class);
  private static final ConcurrentMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

  private final Path root;

  BinaryCache(Path root) {
    this.root = root;
  }

  /** The default cache under {@code java.io.tmpdir}. */
  static BinaryCache inTempDir() {
    return new BinaryCache(Path.of(System.getProperty("java.io.tmpdir"), "pgdest-embedded-pg"));
  }

  /** Returns the installation directory of {@code version}, extracting the archive if needed. */
  Path install(String version, ArchiveSupplier archive) throws IOException {
    Path target = root.resolve(version);
    if (isComplete(target)) {
      return target;
    }
    Files.createDirectories(root);
    Path lockFile = root.resolve(version + ".lock");
    synchronized (JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath(), k -> new Object())) {
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        if (isComplete(target)) {
          return target;
        }
        if (Files.exists(target)) {
          FileTrees.deleteRecursively(target); // left behind by an interrupted, older extraction
        }
        BinaryArchive source = archive.get();
        long started = System.nanoTime();
        Path staging = Files.createTempDirectory(root, version + ".staging-");
        try {
          try (InputStream in = source.open()) {
            extract(in, staging);
          }
          FileTrees.setMode(staging, DIR_MODE);
          Files.createFile(staging.resolve(COMPLETE_MARKER));
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          if (Files.exists(staging)) {
            FileTrees.deleteRecursively(staging);
          }
        }
        LOG.info("Extracted PostgreSQL {} from {} to {} in {} ms", version, source.description(), target,
            (System.nanoTime() - started) / 1_000_000);
        return target;
      }
    }
  }

  /** Supplies the archive only when an extraction is needed (it may download). */
  @FunctionalInterface
  interface ArchiveSupplier {
    BinaryArchive get() throws IOException;
  }

  private static boolean isComplete(Path target) {
    return Files.isRegularFile(target.resolve(COMPLETE_MARKER));
  }

  static void extract(InputStream txz, Path into) throws IOException {
    Path base = into.toAbsolutePath().normalize();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZCompressorInputStream(new BufferedInputStream(txz, 1 << 16)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = inside(base, entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          FileTrees.setMode(path, DIR_MODE);
          continue;
        }
        Files.createDirectories(path.getParent());
        if (entry.isSymbolicLink()) {
          Path link = Path.of(entry.getLinkName());
          if (!path.getParent().resolve(link).normalize().startsWith(base)) {
            throw new IOException("archive link points outside the target directory: " + entry.getName());
          }
          Files.createSymbolicLink(path, link);
        } else if (entry.isLink()) {
          Files.createLink(path, inside(base, entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.copy(tar, path);
          FileTrees.setMode(path, fileMode(entry.getMode()));
        }
      }
    }
  }

  /** Keeps the owner's execute bit for everyone and makes every file readable by everyone. */
  static Set<PosixFilePermission> fileMode(int tarMode) {
    boolean executable = (tarMode & 0100) != 0;
    return PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--");
  }

  private static Path inside(Path base, String name) throws IOException {
    Path path = base.resolve(name).normalize();
    if (!path.startsWith(base)) {
      throw new IOException("archive entry escapes the target directory: " + name);
    }
    return path;
  }
}
