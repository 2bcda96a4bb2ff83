package dev.pgdest.testkit;

/** A {@link PostgresServer} reached through a {@link FaultProxy}. Thread-safe. */
final class ProxiedServer implements PostgresServer {

  private final PostgresServer server;
  private final FaultProxy proxy;

  ProxiedServer(PostgresServer server, FaultProxy proxy) {
    this.server = server;
    this.proxy = proxy;
  }

  @Override
  public String host() {
    return proxy.host();
  }

  @Override
  public int port() {
    return proxy.port();
  }

  @Override
  public int majorVersion() {
    return server.majorVersion();
  }

  @Override
  public String serverVersion() {
    return server.serverVersion();
  }

  @Override
  public String superuser() {
    return server.superuser();
  }

  @Override
  public String superuserPassword() {
    return server.superuserPassword();
  }

  /** Closes nothing: the proxy and the server have their own owners. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return server + " via " + proxy;
  }
}
