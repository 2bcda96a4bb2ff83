package dev.pgdest.bench;

import de.bytefish.pgbulkinsert.PgBulkInsert;
import de.bytefish.pgbulkinsert.mapping.AbstractMapping;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.PGConnection;

/** The loaders pgdest is compared with, each used the way its documentation shows. */
final class Peers {
  private Peers() {}

  /** PgBulkInsert's mapping of the benchmark row. */
  static final class Mapping extends AbstractMapping<Object[]> {
    Mapping(String schema, String table) {
      super(schema, table);
      mapLong("id", r -> (Long) r[0]);
      mapUUID("uid", r -> (UUID) r[1]);
      mapText("name", r -> (String) r[2]);
      mapText("email", r -> (String) r[3]);
      mapTimeStampTz("at", r -> (ZonedDateTime) r[9]);
      mapNumeric("amount", r -> (BigDecimal) r[5]);
      mapBoolean("active", r -> (Boolean) r[6]);
      mapJsonb("doc", r -> (String) r[7]);
      mapDouble("score", r -> (Double) r[8]);
    }
  }

  static void pgBulkInsert(Connection c, String schema, String table, Object[][] rows) throws Exception {
    c.setAutoCommit(false);
    new PgBulkInsert<>(new Mapping(schema, table)).saveAll(c.unwrap(PGConnection.class), Arrays.stream(rows));
    c.commit();
  }

  /** A piece of work a thread of {@link #inParallel} runs. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  /** Runs each piece of work on its own thread, all at once, and waits for all; rethrows the first failure. */
  static void inParallel(java.util.List<Work> work) throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(work.size());
    try {
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (Work w : work) {
        done.add(pool.submit(() -> {
          w.run();
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        try {
          f.get(30, java.util.concurrent.TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof Exception x ? x : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The rows cut into {@code n} consecutive parts of (nearly) equal size. */
  static Object[][][] split(Object[][] rows, int n) {
    Object[][][] parts = new Object[n][][];
    for (int i = 0; i < n; i++) {
      parts[i] = Arrays.copyOfRange(rows, (int) ((long) rows.length * i / n), (int) ((long) rows.length * (i + 1) / n));
    }
    return parts;
  }

  /** pgjdbc batches of 1,000 (the connection must have reWriteBatchedInserts=true). */
  static void jdbcBatches(Connection c, String qualified, Object[][] rows, boolean upsert) throws Exception {
    c.setAutoCommit(false);
    String sql = "INSERT INTO " + qualified + " (id, uid, name, email, at, amount, active, doc, score)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";
    if (upsert) {
      sql += " ON CONFLICT (id) DO UPDATE SET uid = EXCLUDED.uid, name = EXCLUDED.name, email = EXCLUDED.email,"
          + " at = EXCLUDED.at, amount = EXCLUDED.amount, active = EXCLUDED.active, doc = EXCLUDED.doc,"
          + " score = EXCLUDED.score";
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int n = 0;
      for (Object[] r : rows) {
        ps.setLong(1, (Long) r[0]);
        ps.setObject(2, r[1]);
        ps.setString(3, (String) r[2]);
        ps.setString(4, (String) r[3]);
        ps.setObject(5, (OffsetDateTime) r[10]);
        ps.setBigDecimal(6, (BigDecimal) r[5]);
        ps.setBoolean(7, (Boolean) r[6]);
        ps.setString(8, (String) r[7]);
        ps.setDouble(9, (Double) r[8]);
        ps.addBatch();
        if (++n % 1000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    c.commit();
  }
}
