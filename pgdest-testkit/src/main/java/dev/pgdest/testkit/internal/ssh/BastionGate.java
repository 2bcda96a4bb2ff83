package dev.pgdest.testkit.internal.ssh;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.session.ServerSession;

/**
 * Who may log in to the bastion and where they may forward: public keys for one user, and
 * {@code direct-tcpip} only to the database's host and port, as a careful administrator sets up
 * {@code authorized_keys} and {@code PermitOpen}. Counts what clients tried. Thread-safe.
 */
public final class BastionGate implements PublickeyAuthenticator, ForwardingFilter {
  private final String user;
  private final String permittedHost;
  private final int permittedPort;
  private final Set<String> authorizedBlobs = ConcurrentHashMap.newKeySet();
  private final AtomicInteger authAttempts = new AtomicInteger();
  private final AtomicInteger logins = new AtomicInteger();
  private final List<String> forwardRequests = new CopyOnWriteArrayList<>();
  private volatile boolean refuseForwarding;

  /** A gate for {@code user}, forwarding only to {@code permittedHost:permittedPort}. */
  public BastionGate(String user, String permittedHost, int permittedPort) {
    this.user = user;
    this.permittedHost = permittedHost;
    this.permittedPort = permittedPort;
  }

  /** Adds an {@code authorized_keys} line (options and comment allowed, options ignored). */
  public void authorize(String authorizedKeysLine) {
    try {
      AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(authorizedKeysLine.strip());
      if (entry == null) {
        throw new IllegalArgumentException("not an authorized_keys line: " + authorizedKeysLine);
      }
      PublicKey key = entry.resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
      authorizedBlobs.add(KeyUtils.getFingerPrint(key));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read authorized_keys line: " + authorizedKeysLine, e);
    }
  }

  @Override
  public boolean authenticate(String username, PublicKey key, ServerSession session) {
    authAttempts.incrementAndGet();
    boolean ok = user.equals(username) && authorizedBlobs.contains(KeyUtils.getFingerPrint(key));
    if (ok) {
      logins.incrementAndGet();
    }
    return ok;
  }

  @Override
  public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
    forwardRequests.add(address.getHostName() + ":" + address.getPort());
    return type == Type.Direct && !refuseForwarding
        && address.getHostName().toLowerCase(Locale.ROOT).equals(permittedHost.toLowerCase(Locale.ROOT))
        && address.getPort() == permittedPort;
  }

  @Override
  public boolean canListen(SshdSocketAddress address, Session session) {
    return false;
  }

  @Override
  public boolean canForwardAgent(Session session, String requestType) {
    return false;
  }

  @Override
  public boolean canForwardX11(Session session, String requestType) {
    return false;
  }

  /** Makes every later forwarding request fail as if {@code AllowTcpForwarding no} were set. */
  public void refuseForwarding(boolean refuse) {
    this.refuseForwarding = refuse;
  }

  /** Public keys offered so far (probes and signed attempts), whatever the outcome. */
  public int authAttempts() {
    return authAttempts.get();
  }

  /** Accepted public-key checks so far. */
  public int logins() {
    return logins.get();
  }

  /** Every {@code host:port} a client asked to forward to, as the client named it. */
  public List<String> forwardRequests() {
    return List.copyOf(forwardRequests);
  }
}
