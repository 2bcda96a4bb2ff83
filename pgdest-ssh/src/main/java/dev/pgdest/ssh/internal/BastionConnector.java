package dev.pgdest.ssh.internal;

import dev.pgdest.spi.TunnelFailure;
import dev.pgdest.spi.TunnelFailure.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.util.concurrent.TimeoutException;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens authenticated SSH sessions to one bastion. Each call to {@link #connect()} is a fresh
 * session; failures become {@link TunnelFailure}s whose messages say what to fix and contain no
 * secret. Thread-safe.
 */
final class BastionConnector {
  private static final Logger LOG = LoggerFactory.getLogger(BastionConnector.class);
  /** Keepalives that may go unanswered before the session is declared dead. */
  private static final int MAX_MISSED_KEEPALIVES = 3;

  private final TunnelOptions options;
  private final KeyPair keyPair;

  BastionConnector(TunnelOptions options, KeyPair keyPair) {
    this.options = options;
    this.keyPair = keyPair;
  }

  String description() {
    return options.description();
  }

  /** A connected, authenticated session with keepalives running. */
  SSHClient connect() throws TunnelFailure {
    DefaultConfig config = new DefaultConfig();
    // KEEP_ALIVE expects replies and kills the transport when they stop; HEARTBEAT only sends.
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    SSHClient client = new SSHClient(config);
    HostKeyCheck hostKeys;
    try {
      hostKeys = HostKeyCheck.of(options.knownHosts(), options.fingerprint(), options.acceptAnyHostKey());
    } catch (IOException e) {
      throw new TunnelFailure(Reason.OTHER, "the known_hosts text of tunnel " + description() + " cannot be read", e);
    }
    client.addHostKeyVerifier(hostKeys);
    client.setConnectTimeout(options.connectTimeoutMillis());
    // sshj reads the server's greeting with a plain blocking read: without a socket read timeout
    // a bastion that accepts TCP but never answers (frozen, or a firewall that drops packets)
    // hangs the connect forever. The timeout is lifted once the handshake is done, because the
    // session may then be idle for longer; keepalives watch it from there.
    client.setTimeout(options.connectTimeoutMillis());
    client.getTransport().setTimeoutMs(options.connectTimeoutMillis());
    KeepAliveRunner keepAlive = (KeepAliveRunner) client.getConnection().getKeepAlive();
    keepAlive.setKeepAliveInterval(options.keepAliveSeconds());
    keepAlive.setMaxAliveCount(MAX_MISSED_KEEPALIVES);
    try {
      try {
        client.connect(options.host(), options.port());
        // Key exchange is done; authentication waits are bounded by the transport timeout.
        client.getSocket().setSoTimeout(0);
      } catch (IOException e) {
        throw connectFailure(e, hostKeys);
      }
      try {
        client.authPublickey(options.username(), client.loadKeys(keyPair));
      } catch (IOException e) {
        throw authFailure(e);
      }
      LOG.debug("SSH session to {} authenticated", description());
      return client;
    } catch (TunnelFailure e) {
      disconnect(client);
      throw e;
    } catch (RuntimeException e) {
      disconnect(client);
      throw e;
    }
  }

  private TunnelFailure authFailure(IOException e) {
    String where = "SSH bastion " + options.host() + ":" + options.port();
    // A timeout surfaces as a UserAuthException too: it is a bastion that stopped answering, not a refusal.
    if (timedOut(e)) {
      return new TunnelFailure(Reason.BASTION_UNREACHABLE, where + " stopped answering while authenticating \""
          + options.username() + "\" (no answer within " + options.connectTimeoutMillis() + " ms)", e);
    }
    if (e instanceof UserAuthException) {
      return new TunnelFailure(Reason.AUTH_REFUSED, where + " refused public key "
          + PublicKeys.type(keyPair.getPublic()) + " " + PublicKeys.fingerprint(keyPair.getPublic()) + " for user \"" + options.username()
          + "\": add this line to ~" + options.username() + "/.ssh/authorized_keys on the bastion: "
          + PublicKeys.line(keyPair.getPublic()) + " pgdest", e);
    }
    return new TunnelFailure(Reason.OTHER, where + " closed the session during authentication as \""
        + options.username() + "\": " + e.getMessage(), e);
  }

  private TunnelFailure connectFailure(IOException e, HostKeyCheck hostKeys) {
    String where = "SSH bastion " + options.host() + ":" + options.port();
    if (hostKeys.verdict() != null && hostKeys.verdict() != HostKeyCheck.Verdict.ACCEPTED) {
      return hostKeyFailure(e, hostKeys, where);
    }
    if (e instanceof TransportException
        && ((TransportException) e).getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
      return new TunnelFailure(Reason.HOST_KEY_REJECTED, where + " host key could not be verified", e);
    }
    String hint = ": allow the service's egress IP to connect to port " + options.port() + " on the bastion"
        + " (firewall or security group) and check the host name";
    if (e instanceof UnknownHostException) {
      return new TunnelFailure(Reason.BASTION_UNREACHABLE, where + " is unreachable: unknown host" + hint, e);
    }
    if (e instanceof ConnectException) {
      return new TunnelFailure(Reason.BASTION_UNREACHABLE, where + " is unreachable: connection refused" + hint, e);
    }
    if (e instanceof SocketTimeoutException) {
      return new TunnelFailure(Reason.BASTION_UNREACHABLE, where + " is unreachable: no answer within "
          + options.connectTimeoutMillis() + " ms" + hint, e);
    }
    if (timedOut(e)) {
      return new TunnelFailure(Reason.BASTION_UNREACHABLE, where + " accepted the connection but did not complete"
          + " the SSH handshake within " + options.connectTimeoutMillis() + " ms (the bastion is overloaded or hung,"
          + " or a firewall drops its packets)", e);
    }
    if (e instanceof NoRouteToHostException) {
      return new TunnelFailure(Reason.BASTION_UNREACHABLE, where + " is unreachable: no route to host" + hint, e);
    }
    return new TunnelFailure(Reason.OTHER, where + " did not complete the SSH handshake (is it an SSH server?): "
        + e.getMessage(), e);
  }

  /** sshj wraps a read timeout or an expired wait in a TransportException; look through it. */
  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private TunnelFailure hostKeyFailure(IOException e, HostKeyCheck hostKeys, String where) {
    String offered = PublicKeys.type(hostKeys.offered()) + " " + PublicKeys.fingerprint(hostKeys.offered());
    String what;
    switch (hostKeys.verdict()) {
      case CHANGED:
        what = "offered host key " + offered + ", which DIFFERS from the key known_hosts lists for it:"
            + " the bastion was reinstalled or its key rotated, or someone is intercepting the connection";
        break;
      case NOT_PINNED:
        what = "offered host key " + offered + ", which does not match the configured fingerprint "
            + options.fingerprint();
        break;
      default:
        what = "offered host key " + offered + ", which known_hosts does not list for "
            + (options.port() == 22 ? options.host() : "[" + options.host() + "]:" + options.port());
    }
    return new TunnelFailure(Reason.HOST_KEY_REJECTED, where + " " + what + ". No credentials were sent."
        + " Compare the fingerprint with the bastion's (ssh-keygen -lf /etc/ssh/ssh_host_"
        + keyFileName(hostKeys) + "_key.pub) before trusting it.", e);
  }

  private static String keyFileName(HostKeyCheck hostKeys) {
    String type = PublicKeys.type(hostKeys.offered());
    return type.startsWith("ssh-ed25519") ? "ed25519" : type.startsWith("ecdsa") ? "ecdsa" : "rsa";
  }

  static void disconnect(SSHClient client) {
    try {
      client.disconnect();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Ignoring an error while disconnecting from the bastion: {}", e.toString());
    }
    Thread keepAlive = client.getConnection().getKeepAlive();
    keepAlive.interrupt();
    try {
      keepAlive.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
