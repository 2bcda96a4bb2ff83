package dev.pgdest.ssh.internal;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the bastion's host key against known_hosts text, a SHA-256 fingerprint pin, or (when
 * explicitly configured) nothing. sshj calls it during key exchange, before user authentication,
 * so a rejected key means no credential was sent. Remembers what the server offered so the error
 * can show it. One instance per connection attempt.
 */
final class HostKeyCheck implements HostKeyVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

  /** What went wrong with the offered key. */
  enum Verdict { ACCEPTED, UNKNOWN, CHANGED, NOT_PINNED }

  private final KnownHosts knownHosts;
  private final String pinnedFingerprint;
  private final boolean acceptAny;
  private volatile PublicKey offered;
  private volatile Verdict verdict;

  private HostKeyCheck(String knownHostsText, String pinnedFingerprint, boolean acceptAny) throws IOException {
    this.knownHosts = knownHostsText == null ? null : new KnownHosts(knownHostsText);
    this.pinnedFingerprint = pinnedFingerprint;
    this.acceptAny = acceptAny;
  }

  /** A check of known_hosts and/or a pin; either may be null when {@code acceptAny} is true. */
  static HostKeyCheck of(String knownHostsText, String pinnedFingerprint, boolean acceptAny) throws IOException {
    if (knownHostsText == null && pinnedFingerprint == null && !acceptAny) {
      throw new IllegalArgumentException("no way to verify the host key");
    }
    return new HostKeyCheck(knownHostsText, pinnedFingerprint, acceptAny);
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    offered = key;
    String fingerprint = PublicKeys.fingerprint(key);
    if (pinnedFingerprint != null && !stripPadding(pinnedFingerprint).equals(fingerprint)) {
      verdict = Verdict.NOT_PINNED;
    } else if (knownHosts != null && !knownHosts.verify(hostname, port, key)) {
      verdict = knownHosts.changed ? Verdict.CHANGED : Verdict.UNKNOWN;
    } else if (pinnedFingerprint == null && knownHosts == null && acceptAny) {
      LOG.warn("Accepting SSH host key {} {} of {}:{} WITHOUT VERIFICATION (insecureAcceptAnyHostKey)",
          PublicKeys.type(key), fingerprint, hostname, port);
      verdict = Verdict.ACCEPTED;
    } else {
      verdict = Verdict.ACCEPTED;
    }
    return verdict == Verdict.ACCEPTED;
  }

  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    // Steers key exchange toward the host key type known_hosts lists, as OpenSSH's client does.
    return knownHosts == null ? List.of() : knownHosts.findExistingAlgorithms(hostname, port);
  }

  /** The key the server offered, or null when key exchange never got that far. */
  PublicKey offered() {
    return offered;
  }

  /** The verdict on the offered key, or null. */
  Verdict verdict() {
    return verdict;
  }

  private static String stripPadding(String fingerprint) {
    return fingerprint.endsWith("=") ? fingerprint.substring(0, fingerprint.length() - 1) : fingerprint;
  }

  /** sshj's known_hosts matcher (hashed names, {@code [host]:port}, markers), reading text, never writing. */
  private static final class KnownHosts extends OpenSSHKnownHosts {
    private volatile boolean changed;

    KnownHosts(String text) throws IOException {
      super(new StringReader(text));
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
      return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
      changed = true;
      return false;
    }
  }
}
