package dev.pgdest.testkit.internal.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Small binaries archives and jars built in memory for tests. */
final class Archives {

  private Archives() {}

  /** A txz with a directory, an executable, a plain file, a symbolic link and a hard link. */
  static byte[] sampleTxz() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(bytes))) {
      TarArchiveEntry dir = new TarArchiveEntry("bin/");
      dir.setMode(040700);
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      file(tar, "bin/postgres", 0700, "#!/bin/sh\necho postgres\n");
      file(tar, "share/postgres.bki", 0600, "catalog");
      TarArchiveEntry symlink = new TarArchiveEntry("lib/libpq.so", TarArchiveEntry.LF_SYMLINK);
      symlink.setLinkName("libpq.so.5");
      tar.putArchiveEntry(symlink);
      tar.closeArchiveEntry();
      file(tar, "lib/libpq.so.5", 0644, "elf");
      TarArchiveEntry hardlink = new TarArchiveEntry("bin/postmaster", TarArchiveEntry.LF_LINK);
      hardlink.setLinkName("bin/postgres");
      tar.putArchiveEntry(hardlink);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  /** A txz whose only entry tries to escape the extraction directory. */
  static byte[] escapingTxz() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(bytes))) {
      file(tar, "../outside.txt", 0644, "x");
    }
    return bytes.toByteArray();
  }

  /** A jar holding {@code txz} under {@code entryName}, like the zonky binaries jars. */
  static byte[] jar(String entryName, byte[] txz) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
      zip.putNextEntry(new ZipEntry(entryName));
      zip.write(txz);
    }
    return bytes.toByteArray();
  }

  private static void file(TarArchiveOutputStream tar, String name, int mode, String content) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(0100000 | mode);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }
}
