package dev.pgdest.spi;

import java.io.IOException;
import java.util.Map;

/**
 * Opens tunnels to the database through a bastion host. Found with {@link java.util.ServiceLoader}:
 * an implementation lists itself in {@code META-INF/services/dev.pgdest.spi.TunnelProvider}. The
 * artifact {@code dev.pgdest:pgdest-ssh} registers the SSH one.
 *
 * <p>Only JDK types and this package's own types appear in the signatures, so a provider can be
 * written against any SSH library without pgdest knowing it. Settings arrive as a map whose keys
 * are the constants of {@link TunnelSettings}; secrets arrive as {@code char[]} and the provider
 * must not log them. Implementations must be thread-safe and have a public no-argument
 * constructor.
 *
 * <pre>{@code
 * public final class MyProvider implements TunnelProvider {
 *   public String name() { return "my-ssh"; }
 *   public boolean supports(Map<String, ?> s) { return "ssh".equals(s.get(TunnelSettings.KIND)); }
 *   public Tunnel open(Map<String, ?> s, String host, int port) throws IOException { ... }
 * }
 * }</pre>
 */
public interface TunnelProvider {

  /** A short name for logs and error messages, e.g. {@code "sshj"}. */
  String name();

  /**
   * Whether this provider can open a tunnel with these settings. pgdest uses the first provider
   * that says yes.
   */
  boolean supports(Map<String, ?> settings);

  /**
   * Opens a tunnel that forwards connections to {@code targetHost:targetPort}, resolved on the
   * bastion's side. Blocks until the bastion accepted us, or throws.
   *
   * @throws TunnelFailure when the bastion is unreachable, its host key is not trusted, our key is
   *     refused, or forwarding is refused; its {@link TunnelFailure#reason()} says which
   * @throws IOException for any other failure
   */
  Tunnel open(Map<String, ?> settings, String targetHost, int targetPort) throws IOException;

  /**
   * An open tunnel: a listening socket on the loopback interface whose connections are forwarded
   * to the target. The local address stays the same for the tunnel's whole life; when the SSH
   * session behind it drops, the provider reconnects it for the next forwarded connection, so that
   * a connection pool pointed at {@link #localPort()} keeps working.
   */
  interface Tunnel extends AutoCloseable {

    /** The loopback port that forwards to the target. */
    int localPort();

    /** Whether the SSH session is up right now. */
    boolean isConnected();

    /**
     * Re-establishes the SSH session if it dropped; returns at once if it is up. pgdest calls it
     * before each batch so that a batch starts on a live tunnel.
     *
     * @throws TunnelFailure or IOException as {@link TunnelProvider#open} does
     */
    void ensureConnected() throws IOException;

    /**
     * Checks that the bastion can reach the target by opening one forwarded channel and closing
     * it. Used by the destination check.
     *
     * @throws TunnelFailure with reason {@link TunnelFailure.Reason#FORWARDING_REFUSED} or {@link
     *     TunnelFailure.Reason#TARGET_UNREACHABLE}
     */
    void probeTarget() throws IOException;

    /** Closes the listener, every forwarded connection and the SSH session; stops every thread. */
    @Override
    void close();
  }
}
