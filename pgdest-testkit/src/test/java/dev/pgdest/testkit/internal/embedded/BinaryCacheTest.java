package dev.pgdest.testkit.internal.embedded;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Waits on sockets, threads or a server: a hang fails instead of stalling the build.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BinaryCacheTest {

  @TempDir
  Path temp;

  @Test
  void extractsOnceKeepingLinksAndExecuteBitsAndMakingEverythingReadable() throws Exception {
    Path jar = Files.write(temp.resolve("binaries.jar"), Archives.jar("postgres-linux-x86_64.txz", Archives.sampleTxz()));
    BinaryCache cache = new BinaryCache(temp.resolve("cache"));
    AtomicInteger supplied = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Path>> installs = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        installs.add(pool.submit(() -> cache.install("17.11.0", () -> {
          supplied.incrementAndGet();
          return BinaryArchive.inJarFile(jar);
        })));
      }
      for (Future<Path> install : installs) {
        assertThat(install.get()).isEqualTo(temp.resolve("cache/17.11.0"));
      }
    } finally {
      pool.shutdownNow();
    }

    Path root = temp.resolve("cache/17.11.0");
    assertThat(supplied).as("archive opened by concurrent installs").hasValue(1);
    assertThat(root.resolve(BinaryCache.COMPLETE_MARKER)).exists();
    assertThat(mode(root.resolve("bin/postgres"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(root.resolve("share/postgres.bki"))).isEqualTo("rw-r--r--");
    assertThat(mode(root.resolve("bin"))).isEqualTo("rwxr-xr-x");
    assertThat(Files.readSymbolicLink(root.resolve("lib/libpq.so"))).isEqualTo(Path.of("libpq.so.5"));
    assertThat(Files.isSameFile(root.resolve("bin/postmaster"), root.resolve("bin/postgres"))).isTrue();
    try (var entries = Files.list(temp.resolve("cache"))) {
      assertThat(entries.map(p -> p.getFileName().toString())).as("no staging directory left")
          .containsExactlyInAnyOrder("17.11.0", "17.11.0.lock");
    }
  }

  @Test
  void replacesAnIncompleteExtraction() throws Exception {
    Path jar = Files.write(temp.resolve("binaries.jar"), Archives.jar("postgres-linux-x86_64.txz", Archives.sampleTxz()));
    Path stale = Files.createDirectories(temp.resolve("cache/17.11.0/bin"));
    Files.writeString(stale.resolve("half-written"), "x");

    Path root = new BinaryCache(temp.resolve("cache")).install("17.11.0", () -> BinaryArchive.inJarFile(jar));

    assertThat(root.resolve("bin/half-written")).doesNotExist();
    assertThat(root.resolve("bin/postgres")).exists();
  }

  @Test
  void refusesEntriesThatEscapeTheTargetDirectory() throws Exception {
    Path jar = Files.write(temp.resolve("evil.jar"), Archives.jar("postgres-linux-x86_64.txz", Archives.escapingTxz()));

    assertThatThrownBy(() -> new BinaryCache(temp.resolve("cache")).install("1.0.0", () -> BinaryArchive.inJarFile(jar)))
        .isInstanceOf(IOException.class).hasMessageContaining("escapes");
    assertThat(temp.resolve("cache/outside.txt")).doesNotExist();
    assertThat(temp.resolve("cache/1.0.0")).doesNotExist();
  }

  @Test
  void namesTheEntriesWhenAJarHoldsNoArchive() throws Exception {
    Path jar = Files.write(temp.resolve("other.jar"), Archives.jar("something-else.txt", new byte[1]));

    assertThatThrownBy(() -> BinaryArchive.inJarFile(jar).open())
        .isInstanceOf(IOException.class).hasMessageContaining("something-else.txt");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }
}
