package dev.pgdest.testkit.internal.junit;

import dev.pgdest.testkit.Backend;
import dev.pgdest.testkit.PgdestTest;
import dev.pgdest.testkit.PostgresServer;
import dev.pgdest.testkit.internal.backend.Backends;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * Finds or starts the server a test needs and keeps it in JUnit's store, which closes it: the
 * class's store for {@link PgdestTest.Scope#CLASS}, the root store for {@link PgdestTest.Scope#JVM}.
 * A version matrix keeps a single slot per store, so a new major's server replaces (and stops) the
 * previous one instead of piling up.
 *
 * <p>Thread-safe.
 */
public final class ServerPool {

  static final Namespace NAMESPACE = Namespace.create("dev.pgdest.testkit");

  private ServerPool() {}

  /** The server for this context, started on first request. */
  public static PostgresServer server(ExtensionContext context, Backend backend, PgdestTest.Scope scope,
      int requestedMajor, boolean matrix) {
    Backend resolved = backend.resolve();
    // One key per real major: 0 and 17 name the same embedded server; an external one is what it is.
    int major = resolved == Backend.EXTERNAL ? requestedMajor : Backends.orDefault(requestedMajor);
    Store store = scope == PgdestTest.Scope.JVM ? context.getRoot().getStore(NAMESPACE)
        : classContext(context).getStore(NAMESPACE);
    if (!matrix) {
      return store.getOrComputeIfAbsent("server:" + resolved + ":" + major,
          k -> new StoredResource(ServerResource.start(resolved, major)), StoredResource.class)
          .get(ServerResource.class).server();
    }
    String slot = "matrix-server:" + resolved;
    synchronized (ServerPool.class) {
      StoredResource stored = store.get(slot, StoredResource.class);
      ServerResource current = stored == null ? null : stored.get(ServerResource.class);
      if (current != null && current.major() == major) {
        return current.server();
      }
      if (current != null) {
        store.remove(slot);
        current.close();
      }
      ServerResource started = ServerResource.start(resolved, major);
      store.put(slot, new StoredResource(started));
      return started.server();
    }
  }

  /** The nearest enclosing context of a class (or of one run of a class template). */
  public static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() || c.getTestClass().isEmpty()) {
      c = c.getParent().orElseThrow(() -> new IllegalStateException("no class context above " + context));
    }
    return c;
  }

  /** A started server, or the reason the backend could not start one (remembered, not retried). */
  static final class ServerResource implements AutoCloseable {
    private final PostgresServer server;
    private final int major;
    private final RuntimeException failure;

    private ServerResource(PostgresServer server, int major, RuntimeException failure) {
      this.server = server;
      this.major = major;
      this.failure = failure;
    }

    static ServerResource start(Backend backend, int major) {
      try {
        return new ServerResource(backend.start(major), major, null);
      } catch (RuntimeException e) {
        return new ServerResource(null, major, e);
      }
    }

    PostgresServer server() {
      if (failure != null) {
        throw failure;
      }
      return server;
    }

    int major() {
      return major;
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
