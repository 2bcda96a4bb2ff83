package dev.pgdest.testkit;

import dev.pgdest.testkit.internal.proxy.ProxyEngine;
import java.time.Duration;
import java.util.Objects;

/**
 * An in-process TCP proxy that injects network faults between a client and a server, with no
 * Docker and no root: cut connections after a number of bytes, go silent (black hole), add
 * latency, refuse new connections, or reset every connection at once. Point the client at
 * {@link #host()}:{@link #port()} instead of the server, run the code under test, inject a
 * fault, and prove that nothing was lost or duplicated.
 *
 * <p>Faults can be switched at any time and apply at once, to open and new connections alike.
 * The proxy listens on {@code 127.0.0.1} and relays on daemon threads; {@link #close()} stops them
 * and closes every connection.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(server)) {
 *   DestinationConfig config = TestDestinations.adminConfig(proxy.asServer(server), "postgres", "s").build();
 *   proxy.cutAfterBytes(64 * 1024);   // the connection carrying the next 64 KiB is reset
 *   // ... write, then assert that every row landed exactly once
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

  private final ProxyEngine engine;

  private FaultProxy(ProxyEngine engine) {
    this.engine = engine;
  }

  /**
   * Starts a proxy on a free loopback port that relays to {@code targetHost:targetPort}.
   *
   * @throws IllegalStateException if no port can be bound
   */
  public static FaultProxy start(String targetHost, int targetPort) {
    Objects.requireNonNull(targetHost, "targetHost");
    if (targetPort < 1 || targetPort > 65535) {
      throw new IllegalArgumentException("targetPort must be in 1..65535: " + targetPort);
    }
    return new FaultProxy(ProxyEngine.start(targetHost, targetPort));
  }

  /** Starts a proxy in front of {@code server}. */
  public static FaultProxy start(PostgresServer server) {
    return start(server.host(), server.port());
  }

  /** The address clients connect to: {@code 127.0.0.1}. */
  public String host() {
    return ProxyEngine.HOST;
  }

  /** The port clients connect to. */
  public int port() {
    return engine.port();
  }

  /**
   * {@code server} as seen through this proxy: the same credentials and version, this proxy's
   * host and port. Closing the view closes neither the proxy nor the server.
   */
  public PostgresServer asServer(PostgresServer server) {
    return new ProxiedServer(server, this);
  }

  /**
   * Arms a one-shot cut: the next {@code bytes} bytes (both directions, all connections, counted
   * from now) are relayed, then the connection carrying the following byte is reset and the cut
   * disarms, so a client's retry gets through. {@code 0} resets the next connection that moves a
   * byte.
   */
  public FaultProxy cutAfterBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
    }
    engine.armCut(bytes);
    return this;
  }

  /** Disarms a pending {@link #cutAfterBytes(long)}. */
  public FaultProxy disarmCut() {
    engine.armCut(-1);
    return this;
  }

  /**
   * While on, bytes in both directions are read and dropped: connections stay open and go
   * silent, like a firewall that drops packets. A connection that was black-holed has lost bytes;
   * treat it as dead (and {@link #cutAll()} it) once the black hole is switched off.
   */
  public FaultProxy blackHole(boolean on) {
    engine.blackHole(on);
    return this;
  }

  /** Delays every chunk relayed, in each direction, by {@code delay}; {@link Duration#ZERO} removes it. */
  public FaultProxy latency(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + delay);
    }
    engine.latency(delay);
    return this;
  }

  /** While on, new connections are reset as soon as they are accepted; open ones are untouched. */
  public FaultProxy refuseNewConnections(boolean on) {
    engine.refuseNew(on);
    return this;
  }

  /** Resets every open connection now (TCP RST on the client side). */
  public FaultProxy cutAll() {
    engine.cutAll();
    return this;
  }

  /** Switches every fault off: no cut armed, no black hole, no latency, new connections accepted. */
  public FaultProxy heal() {
    engine.armCut(-1);
    engine.blackHole(false);
    engine.latency(Duration.ZERO);
    engine.refuseNew(false);
    return this;
  }

  /** Connections accepted since start, refused ones included. */
  public long connectionsAccepted() {
    return engine.accepted();
  }

  /** Connections open now. */
  public int openConnections() {
    return engine.open();
  }

  /** Connections reset by a fault: cut after bytes, {@link #cutAll()}, or refused. */
  public long connectionsCut() {
    return engine.cut();
  }

  /** Bytes relayed from clients to the server. */
  public long bytesToServer() {
    return engine.bytesUp();
  }

  /** Bytes relayed from the server to clients. */
  public long bytesToClient() {
    return engine.bytesDown();
  }

  /** Bytes read and dropped by the black hole. */
  public long bytesDropped() {
    return engine.bytesDropped();
  }

  /** Stops listening and closes every connection. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "FaultProxy[" + host() + ":" + port() + " -> " + engine.target() + "]";
  }
}
