package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.ssh.BastionGate;
import dev.pgdest.testkit.internal.ssh.HostKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.ServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A disposable SSH bastion in this JVM (Apache MINA SSHD) for testing tunnels: a generated host
 * key, public-key logins for one user, and TCP forwarding allowed only to one {@code host:port},
 * the database. Switches play the failures a real bastion has: {@link #killSessions()}, {@link
 * #refuseForwarding(boolean)} and {@link #rotateHostKey()}. Like a modern OpenSSH it refuses
 * {@code ssh-rsa} (SHA-1) signatures unless told otherwise. Listens on 127.0.0.1 only.
 * Thread-safe; close it when done.
 *
 * <pre>{@code
 * SshKeyPair key = SshKeys.generateEd25519();
 * try (SshBastion bastion = SshBastion.builder().permitOpen(pg.host(), pg.port()).start()) {
 *   bastion.authorize(key.authorizedKeysLine("test"));
 *   SshTunnel tunnel = SshTunnel.builder()
 *       .host(bastion.host()).port(bastion.port()).username(bastion.user())
 *       .privateKeyPem(key.privateKey()).knownHosts(bastion.knownHostsLine())
 *       .build();
 * }
 * }</pre>
 */
public final class SshBastion implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SshBastion.class);

  /** Host key types the bastion can present. */
  public enum HostKeyType {
    /** {@code ssh-ed25519}, the default. */
    ED25519("ssh-ed25519", 256),
    /** {@code ecdsa-sha2-nistp256}. */
    ECDSA("ecdsa-sha2-nistp256", 256),
    /** {@code ssh-rsa} key, signed with rsa-sha2-256/512. */
    RSA("ssh-rsa", 3072);

    private final String sshName;
    private final int bits;

    HostKeyType(String sshName, int bits) {
      this.sshName = sshName;
      this.bits = bits;
    }
  }

  private final SshServer server;
  private final HostKeys hostKeys;
  private final BastionGate gate;
  private final String user;

  private SshBastion(SshServer server, HostKeys hostKeys, BastionGate gate, String user) {
    this.server = server;
    this.hostKeys = hostKeys;
    this.gate = gate;
    this.user = user;
  }

  /** A bastion with the defaults (user {@code tunnel}, ed25519 host key) forwarding only to {@code host:port}. */
  public static SshBastion start(String databaseHost, int databasePort) {
    return builder().permitOpen(databaseHost, databasePort).start();
  }

  /** A builder; {@link Builder#permitOpen(String, int)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Always {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** The SSH port, chosen by the system. */
  public int port() {
    return server.getPort();
  }

  /** The only user that can log in. */
  public String user() {
    return user;
  }

  /** The current host key's SHA-256 fingerprint, {@code SHA256:...}. */
  public String hostKeyFingerprint() {
    return KeyUtils.getFingerPrint(hostKeys.current().getPublic());
  }

  /** The current host key as known_hosts has it: {@code [127.0.0.1]:port ssh-ed25519 AAAA...}. */
  public String knownHostsLine() {
    return "[" + host() + "]:" + port() + " " + hostPublicKey();
  }

  /** The current host key as {@code <type> <base64>}. */
  public String hostPublicKey() {
    return PublicKeyEntry.toString(hostKeys.current().getPublic());
  }

  /** The current host key. */
  public PublicKey hostKey() {
    return hostKeys.current().getPublic();
  }

  /** Lets a key log in as {@link #user()}: an {@code authorized_keys} line (options are ignored). */
  public SshBastion authorize(String authorizedKeysLine) {
    gate.authorize(authorizedKeysLine);
    return this;
  }

  /**
   * How many times a client offered a public key, accepted or not. Zero after a host-key failure
   * proves that no credential was sent.
   */
  public int authAttempts() {
    return gate.authAttempts();
  }

  /** Every {@code host:port} a client asked to forward to, exactly as the client named it. */
  public List<String> forwardRequests() {
    return gate.forwardRequests();
  }

  /** Open SSH sessions right now. */
  public int activeSessions() {
    return server.getActiveSessions().size();
  }

  /** Drops every open session at once, as a crashed or rebooted bastion would; new logins still work. */
  public void killSessions() {
    List<AbstractSession> sessions = new ArrayList<>(server.getActiveSessions());
    LOG.info("Bastion {}:{} killing {} session(s)", host(), port(), sessions.size());
    for (AbstractSession session : sessions) {
      session.close(true);
    }
  }

  /** While true, forwarding requests are refused ({@code AllowTcpForwarding no}). */
  public void refuseForwarding(boolean refuse) {
    gate.refuseForwarding(refuse);
  }

  /** Replaces the host key with a new one of the same type; sessions opened later see the new key. */
  public void rotateHostKey() {
    hostKeys.rotate();
    LOG.info("Bastion {}:{} host key rotated to {}", host(), port(), hostKeyFingerprint());
  }

  /** Stops the server and drops every session. */
  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException("stopping the SSH bastion", e);
    }
  }

  @Override
  public String toString() {
    return "SshBastion{" + user + "@" + host() + ":" + port() + ", " + hostKeyFingerprint() + "}";
  }

  /** Configures an {@link SshBastion}. Not thread-safe. */
  public static final class Builder {
    private String user = "tunnel";
    private String permitHost;
    private int permitPort;
    private HostKeyType hostKeyType = HostKeyType.ED25519;
    private boolean allowSshRsa;
    private final List<String> authorized = new ArrayList<>();

    private Builder() {}

    /** The login user; {@code tunnel} unless set. */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** The only {@code host:port} clients may forward to, matched as the client names it. */
    public Builder permitOpen(String host, int port) {
      this.permitHost = Objects.requireNonNull(host, "host");
      this.permitPort = port;
      return this;
    }

    /** The host key type; ed25519 unless set. */
    public Builder hostKeyType(HostKeyType type) {
      this.hostKeyType = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Accepts SHA-1 {@code ssh-rsa} signatures, as OpenSSH before 8.8 did; refused unless set. */
    public Builder allowSshRsaSignatures(boolean allow) {
      this.allowSshRsa = allow;
      return this;
    }

    /** Authorizes a key from the start; see {@link SshBastion#authorize(String)}. */
    public Builder authorize(String authorizedKeysLine) {
      authorized.add(authorizedKeysLine);
      return this;
    }

    /** Starts the bastion on 127.0.0.1 and a free port. */
    public SshBastion start() {
      if (permitHost == null) {
        throw new IllegalStateException("permitOpen(host, port) is required: the bastion forwards only there");
      }
      HostKeys hostKeys = new HostKeys(hostKeyType.sshName, hostKeyType.bits);
      BastionGate gate = new BastionGate(user, permitHost, permitPort);
      authorized.forEach(gate::authorize);
      SshServer server = SshServer.setUpDefaultServer();
      server.setHost("127.0.0.1");
      server.setPort(0);
      server.setKeyPairProvider(hostKeys);
      server.setPublickeyAuthenticator(gate);
      server.setPasswordAuthenticator(null);
      server.setKeyboardInteractiveAuthenticator(null);
      server.setGSSAuthenticator(null);
      server.setForwardingFilter(gate);
      if (!allowSshRsa) {
        List<NamedFactory<Signature>> signatures = new ArrayList<>(ServerBuilder.setUpDefaultSignatureFactories(false));
        signatures.removeIf(f -> f == BuiltinSignatures.rsa || f == BuiltinSignatures.rsa_cert);
        server.setSignatureFactories(signatures);
      }
      try {
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException("starting the SSH bastion", e);
      }
      SshBastion bastion = new SshBastion(server, hostKeys, gate, user);
      LOG.info("SSH bastion listening on {}:{} (host key {} {}), forwarding only to {}:{}", bastion.host(),
          bastion.port(), hostKeyType.sshName, bastion.hostKeyFingerprint(), permitHost, permitPort);
      return bastion;
    }
  }
}
