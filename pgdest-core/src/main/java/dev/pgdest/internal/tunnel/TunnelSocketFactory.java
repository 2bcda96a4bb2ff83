package dev.pgdest.internal.tunnel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * The socket factory pgjdbc uses for a tunnelled destination ({@code socketFactory} property,
 * with the tunnel's id as {@code socketFactoryArg}). The driver still believes it dials the real
 * database host, so TLS host-name verification checks the real name, while the bytes go to the
 * tunnel's loopback port. Public only because the driver instantiates it by reflection.
 */
public final class TunnelSocketFactory extends SocketFactory {
  private final String tunnelId;

  /** Called by pgjdbc with the {@code socketFactoryArg}. */
  public TunnelSocketFactory(String tunnelId) {
    this.tunnelId = tunnelId;
  }

  @Override
  public Socket createSocket() {
    return new TunnelSocket(tunnelId);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected();
  }

  private Socket connected() throws IOException {
    Socket socket = createSocket();
    socket.connect(null, 0);
    return socket;
  }

  /** A socket whose every connect goes to the tunnel, opening or reconnecting it first. */
  private static final class TunnelSocket extends Socket {
    private final String tunnelId;

    TunnelSocket(String tunnelId) {
      this.tunnelId = tunnelId;
    }

    @Override
    public void connect(SocketAddress ignored, int timeout) throws IOException {
      int port = TunnelManager.lookup(tunnelId).localPort();
      super.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeout);
    }

    @Override
    public void connect(SocketAddress ignored) throws IOException {
      connect(ignored, 0);
    }
  }
}
