package dev.pgdest.internal.config;

import dev.pgdest.ConfigurationException;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SshTunnel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a configuration must meet, checked when it is built. Each message names the field,
 * the value (never a secret's) and the rule, so that the person who typed it can fix it.
 */
public final class ConfigRules {
  /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server. */
  public static final int MAX_IDENTIFIER_BYTES = 63;

  private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
  private static final long MIN_BATCH_BYTES = 64 * 1024;

  private ConfigRules() {}

  /** Checks a destination configuration; throws {@link ConfigurationException} at the first problem. */
  public static void validate(DestinationConfig c) {
    // The style's validationMethod NONE leaves required fields to us: name every missing one.
    required("DestinationConfig", "host", c.host(), "database", c.database(), "schema", c.schema(),
        "username", c.username());
    host("host", c.host());
    port("port", c.port());
    identifier("database", c.database());
    identifier("schema", c.schema());
    if (c.schema().startsWith("pg_")) {
      fail("schema must not start with \"pg_\" (reserved for system schemas): " + quote(c.schema()));
    }
    identifier("username", c.username());
    c.password().ifPresent(p -> noNul("password", p));
    c.sslClientKeyPassword().ifPresent(p -> noNul("sslClientKeyPassword", p));
    if (c.sslClientKey().isPresent() != c.sslClientCert().isPresent()) {
      fail("sslClientCert and sslClientKey must be set together");
    }
    if (c.sslClientKeyPassword().isPresent() && c.sslClientKey().isEmpty()) {
      fail("sslClientKeyPassword is set but sslClientKey is not: the password would be ignored");
    }
    atLeast("maxPoolSize", c.maxPoolSize(), 1);
    atLeast("batchRows", c.batchRows(), 1);
    if (c.batchBytes() < MIN_BATCH_BYTES) {
      fail("batchBytes must be at least " + MIN_BATCH_BYTES + ": " + c.batchBytes());
    }
    atLeast("maxRetries", c.maxRetries(), 0);
    positive("connectTimeout", c.connectTimeout());
    notNegative("socketTimeout", c.socketTimeout());
    notNegative("retryBackoff", c.retryBackoff());
    if (c.applicationName().length() > MAX_IDENTIFIER_BYTES || c.applicationName().indexOf('\0') >= 0) {
      fail("applicationName must be at most 63 characters without NUL: " + quote(c.applicationName()));
    }
  }

  /** Checks an SSH tunnel configuration; throws {@link ConfigurationException} at the first problem. */
  public static void validate(SshTunnel t) {
    required("SshTunnel", "host", t.host(), "username", t.username());
    host("tunnel.host", t.host());
    port("tunnel.port", t.port());
    if (t.username().isEmpty() || t.username().chars().anyMatch(ch -> ch == 0 || Character.isWhitespace(ch))) {
      fail("tunnel.username must be non-empty without white space or NUL: " + quote(t.username()));
    }
    if (t.privateKeyPem().isPresent() == t.privateKeyFile().isPresent()) {
      fail("tunnel needs exactly one of privateKeyPem and privateKeyFile (public-key authentication only)");
    }
    t.privateKeyPem().filter(String::isBlank).ifPresent(k -> fail("tunnel.privateKeyPem must not be blank"));
    t.hostKeyFingerprint().ifPresent(f -> {
      if (!FINGERPRINT.matcher(f).matches()) {
        fail("tunnel.hostKeyFingerprint must look like ssh-keygen -l output, \"SHA256:\" and 43 base64"
            + " characters: " + quote(f));
      }
    });
    t.knownHosts().filter(String::isBlank).ifPresent(k -> fail("tunnel.knownHosts must not be blank"));
    boolean verified = t.knownHosts().isPresent() || t.hostKeyFingerprint().isPresent();
    if (!verified && !t.insecureAcceptAnyHostKey()) {
      fail("tunnel needs knownHosts or hostKeyFingerprint to verify the bastion's host key"
          + " (or, insecurely, insecureAcceptAnyHostKey(true))");
    }
    positive("tunnel.keepAliveInterval", t.keepAliveInterval());
    positive("tunnel.connectTimeout", t.connectTimeout());
  }

  /** Rephrases the builder's own complaint (a missing or twice-set field) in our terms. */
  public static String builderMessage(String type, IllegalStateException e) {
    String m = String.valueOf(e.getMessage());
    int open = m.indexOf('[');
    if (m.contains("required") && open >= 0) {
      return type + " is missing required fields: " + m.substring(open);
    }
    return type + ": " + m;
  }

  /** Pairs of field name and value; fails naming every field whose value is null. */
  private static void required(String type, Object... namesAndValues) {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        missing.add((String) namesAndValues[i]);
      }
    }
    if (!missing.isEmpty()) {
      fail(type + " is missing required fields: " + missing);
    }
  }

  private static void host(String field, String host) {
    if (host.isBlank() || host.chars().anyMatch(ch -> ch == 0 || Character.isWhitespace(ch) || ch == '/')) {
      fail(field + " must be a host name or IP address without white space or '/': " + quote(host));
    }
  }

  private static void port(String field, int port) {
    if (port < 1 || port > 65535) {
      fail(field + " must be in 1..65535: " + port);
    }
  }

  private static void identifier(String field, String name) {
    if (name.isEmpty()) {
      fail(field + " must not be empty");
    }
    if (name.indexOf('\0') >= 0) {
      fail(field + " must not contain the NUL character (U+0000)");
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_IDENTIFIER_BYTES) {
      fail(field + " must be at most " + MAX_IDENTIFIER_BYTES + " bytes in UTF-8 (PostgreSQL would truncate it),"
          + " was " + bytes + ": " + quote(name));
    }
  }

  private static void noNul(String field, String secret) {
    if (secret.indexOf('\0') >= 0) {
      fail(field + " must not contain the NUL character (U+0000)");
    }
  }

  private static void atLeast(String field, long value, long min) {
    if (value < min) {
      fail(field + " must be at least " + min + ": " + value);
    }
  }

  private static void positive(String field, Duration d) {
    if (d.isNegative() || d.isZero()) {
      fail(field + " must be positive: " + d);
    }
  }

  private static void notNegative(String field, Duration d) {
    if (d.isNegative()) {
      fail(field + " must not be negative: " + d);
    }
  }

  private static String quote(String value) {
    return '"' + value.replace("\0", "\\0") + '"';
  }

  private static void fail(String message) {
    throw new ConfigurationException(message);
  }
}
