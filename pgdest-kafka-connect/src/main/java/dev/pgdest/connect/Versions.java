package dev.pgdest.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The plugin's version, as Connect's REST API shows it; written into a resource by the build. */
final class Versions {
  private static final String VERSION = load();

  private Versions() {}

  static String pgdest() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
