package dev.pgdest.ssh;

import dev.pgdest.ssh.internal.PublicKeys;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A private key and what a customer needs to trust it: the {@code authorized_keys} line and the
 * fingerprint. Made by {@link SshKeys}. Immutable and thread-safe; {@link #toString()} never shows
 * the private key.
 *
 * <pre>{@code
 * SshKeyPair key = SshKeys.generateEd25519();
 * String line = key.restrictedAuthorizedKeysLine("acme-sync", "db.internal", 5432);
 * // restrict,port-forwarding,permitopen="db.internal:5432" ssh-ed25519 AAAAC3Nz... acme-sync
 * }</pre>
 */
public final class SshKeyPair {
  private final String privateKey;
  private final String publicKey;
  private final String type;
  private final String fingerprint;

  SshKeyPair(String privateKey, PublicKey key) {
    this.privateKey = privateKey;
    this.publicKey = PublicKeys.line(key);
    this.type = PublicKeys.type(key);
    this.fingerprint = PublicKeys.fingerprint(key);
  }

  /** The private key text, for {@code SshTunnel.builder().privateKeyPem(...)}. Keep it secret. */
  public String privateKey() {
    return privateKey;
  }

  /** The key type as OpenSSH names it: {@code ssh-ed25519}, {@code ssh-rsa}, {@code ecdsa-sha2-nistp256}... */
  public String keyType() {
    return type;
  }

  /** {@code <type> <base64>}: the public key as in a {@code .pub} file, without comment. */
  public String publicKey() {
    return publicKey;
  }

  /** The SHA-256 fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:...}. */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * The line the customer appends to {@code ~<user>/.ssh/authorized_keys} on the bastion.
   *
   * @param comment shown next to the key on the bastion, e.g. the service's name; may be empty
   */
  public String authorizedKeysLine(String comment) {
    return publicKey + comment(comment);
  }

  /**
   * Like {@link #authorizedKeysLine(String)}, with OpenSSH options (7.2 and later) that let this
   * key do nothing but forward to the database: no shell, no agent or X11 forwarding, and port
   * forwarding only to {@code databaseHost:databasePort}.
   */
  public String restrictedAuthorizedKeysLine(String comment, String databaseHost, int databasePort) {
    Objects.requireNonNull(databaseHost, "databaseHost");
    if (databaseHost.isEmpty() || databaseHost.chars().anyMatch(c -> c <= ' ' || c == '"' || c == ',')) {
      throw new IllegalArgumentException("databaseHost must be a host name or address: \"" + databaseHost + "\"");
    }
    if (databasePort < 1 || databasePort > 65535) {
      throw new IllegalArgumentException("databasePort must be in 1..65535: " + databasePort);
    }
    String host = databaseHost.indexOf(':') >= 0 ? "[" + databaseHost + "]" : databaseHost;
    return "restrict,port-forwarding,permitopen=\"" + host + ":" + databasePort + "\" " + publicKey + comment(comment);
  }

  private static String comment(String comment) {
    Objects.requireNonNull(comment, "comment");
    if (comment.chars().anyMatch(c -> c == '\n' || c == '\r')) {
      throw new IllegalArgumentException("comment must be on one line");
    }
    return comment.isBlank() ? "" : " " + comment.strip();
  }

  @Override
  public String toString() {
    return "SshKeyPair{" + type + " " + fingerprint + ", privateKey=****}";
  }
}
