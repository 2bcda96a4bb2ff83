package dev.pgdest.testkit.internal.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a Maven {@code settings.xml} says about reaching Maven Central: the first mirror that
 * covers {@code central} (with the credentials of the server of the same id) and the first
 * active proxy per protocol. Read from the file named by {@value #PROPERTY}, else
 * {@code ~/.m2/settings.xml}; a missing file means no mirror and no proxy. Immutable.
 */
final class MavenSettings {

  /** The system property naming the settings file (the build passes its {@code -s} file). */
  static final String PROPERTY = "pgdest.maven.settings";

  /** A mirror: its id, URL and the credentials of the {@code <server>} with that id. */
  record Mirror(String id, String url, Optional<String> username, Optional<String> password) {}

  /** An active proxy for one protocol. */
  record Proxy(String protocol, String host, int port, Optional<String> username, Optional<String> password,
      List<String> nonProxyHosts) {

    boolean appliesTo(URI uri) {
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      for (String pattern : nonProxyHosts) {
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        if (!p.isEmpty() && host.matches(p.replace(".", "\\.").replace("*", ".*"))) {
          return false;
        }
      }
      return protocol.equalsIgnoreCase(uri.getScheme());
    }
  }

  private final Path file;
  private final Optional<Mirror> centralMirror;
  private final List<Proxy> proxies;

  private MavenSettings(Path file, Optional<Mirror> centralMirror, List<Proxy> proxies) {
    this.file = file;
    this.centralMirror = centralMirror;
    this.proxies = proxies;
  }

  /** The settings this JVM's user or build names. */
  static MavenSettings fromSystemProperties() throws IOException {
    String named = System.getProperty(PROPERTY);
    Path file = named != null && !named.isBlank()
        ? Path.of(named) : Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
    return read(file);
  }

  static MavenSettings read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new MavenSettings(file, Optional.empty(), List.of());
    }
    Element root;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    } catch (Exception e) {
      throw new IOException("cannot read Maven settings " + file + ": " + e.getMessage(), e);
    }
    Optional<Mirror> mirror = Optional.empty();
    for (Element m : children(child(root, "mirrors"), "mirror")) {
      if (coversCentral(text(m, "mirrorOf").orElse(""))) {
        String id = text(m, "id").orElse("mirror");
        Optional<Element> server = children(child(root, "servers"), "server").stream()
            .filter(s -> text(s, "id").orElse("").equals(id)).findFirst();
        mirror = Optional.of(new Mirror(id, text(m, "url").orElseThrow(
            () -> new IOException("mirror " + id + " in " + file + " has no <url>")),
            server.flatMap(s -> text(s, "username")), server.flatMap(s -> text(s, "password"))));
        break;
      }
    }
    List<Proxy> proxies = new ArrayList<>();
    for (Element p : children(child(root, "proxies"), "proxy")) {
      if (!text(p, "active").orElse("true").equals("true")) {
        continue;
      }
      proxies.add(new Proxy(text(p, "protocol").orElse("http"), text(p, "host").orElse(""),
          Integer.parseInt(text(p, "port").orElse("8080")), text(p, "username"), text(p, "password"),
          List.of(text(p, "nonProxyHosts").orElse("").split("[|,]"))));
    }
    return new MavenSettings(file, mirror, List.copyOf(proxies));
  }

  /** Maven's {@code mirrorOf} rules, as far as they concern central. */
  static boolean coversCentral(String mirrorOf) {
    boolean covered = false;
    for (String raw : mirrorOf.split(",")) {
      String id = raw.trim();
      if (id.equals("!central")) {
        return false;
      }
      covered |= id.equals("*") || id.equals("central") || id.equals("external:*") || id.equals("external:http:*");
    }
    return covered;
  }

  Path file() {
    return file;
  }

  Optional<Mirror> centralMirror() {
    return centralMirror;
  }

  /** The proxy to use for {@code uri}, if any. */
  Optional<Proxy> proxyFor(URI uri) {
    return proxies.stream().filter(p -> p.appliesTo(uri)).findFirst();
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element && name.equals(n.getLocalName() != null ? n.getLocalName() : n.getNodeName())) {
        out.add((Element) n);
      }
    }
    return out;
  }

  private static Optional<String> text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? Optional.empty() : Optional.of(e.getTextContent().trim()).filter(s -> !s.isEmpty());
  }
}
