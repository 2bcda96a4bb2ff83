package dev.pgdest.internal.unit;

import dev.pgdest.DestinationConfig;
import java.sql.Connection;

/**
 * Where a unit of work gets its connection and gives back a broken one: the seam between the
 * write path and the pool (and the tunnel behind it), so that the write path never needs the
 * destination itself.
 */
public interface ConnectionSource {

  /** The destination's configuration: batch sizes, retries, schema. */
  DestinationConfig config();

  /**
   * A pooled connection in auto-commit mode; the caller closes it.
   *
   * @throws dev.pgdest.PgdestException when none can be had
   */
  Connection connection();

  /** Removes a broken connection from the pool (closing it) instead of returning it. */
  void evict(Connection connection);
}
