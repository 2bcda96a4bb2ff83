package dev.pgdest.testkit.internal.backend;

import dev.pgdest.testkit.PostgresServer;

/**
 * The only door to {@link TestcontainersPostgresServer}: this class names no Testcontainers type,
 * so loading it is safe without Testcontainers; the server class is loaded on the first call.
 */
final class ContainerLauncher {

  private ContainerLauncher() {}

  static PostgresServer start(int majorVersion) {
    return TestcontainersPostgresServer.start(majorVersion);
  }
}
