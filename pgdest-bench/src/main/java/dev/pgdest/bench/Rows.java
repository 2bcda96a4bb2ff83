package dev.pgdest.bench;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The benchmark's rows, generated once and held in memory so that every loader reads the same
 * objects and generation is not measured: bigint key, uuid, two texts, timestamptz,
 * numeric(12,2), boolean, jsonb, double. Columns 9 and 10 hold the timestamp again as
 * ZonedDateTime and OffsetDateTime for the peers whose APIs want those.
 */
final class Rows {
  static final String[] COLUMNS = {"id", "uid", "name", "email", "at", "amount", "active", "doc", "score"};

  private Rows() {}

  static TableSpec spec(String table) {
    return TableSpec.builder(table)
        .column("id", PgType.BIGINT).column("uid", PgType.UUID).column("name", PgType.TEXT)
        .column("email", PgType.TEXT).column("at", PgType.TIMESTAMPTZ).column("amount", PgType.numeric(12, 2))
        .column("active", PgType.BOOLEAN).column("doc", PgType.JSONB).column("score", PgType.DOUBLE)
        .primaryKey("id").build();
  }

  static String ddl(String qualified) {
    return "CREATE TABLE " + qualified + " (id bigint PRIMARY KEY, uid uuid, name text, email text, at timestamptz,"
        + " amount numeric(12,2), active boolean, doc jsonb, score double precision)";
  }

  /** {@code count} rows; {@code version} changes every non-key value while keeping the keys. */
  static Object[][] generate(int count, int version) {
    SplittableRandom random = new SplittableRandom(42 + version);
    Object[][] rows = new Object[count][];
    long base = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    for (int i = 0; i < count; i++) {
      long micros = base + random.nextLong(365L * 86_400 * 1_000_000);
      Instant at = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
      String name = "customer " + Long.toString(random.nextLong(1L << 40), 36) + " v" + version;
      rows[i] = new Object[] {
          (long) i + 1,
          new UUID(random.nextLong(), random.nextLong()),
          name,
          "user" + i + "." + version + "@example.com",
          at,
          BigDecimal.valueOf(random.nextLong(1_000_000_000L), 2),
          random.nextBoolean(),
          "{\"plan\": \"p" + random.nextInt(5) + "\", \"seats\": " + random.nextInt(500) + ", \"tags\": [\"a\", \"b\"], \"v\": "
              + version + "}",
          random.nextDouble() * 1000,
          at.atZone(ZoneOffset.UTC),
          at.atOffset(ZoneOffset.UTC)};
    }
    return rows;
  }

  /** The first nine columns of a row, as the pgdest writer takes them. */
  static Object[] values(Object[] row) {
    return row.length == 9 ? row : java.util.Arrays.copyOf(row, 9);
  }

  /** Writes the rows as CSV for psql's \copy. */
  static void writeCsv(Object[][] rows, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Object[] r : rows) {
        for (int c = 0; c < 9; c++) {
          if (c > 0) {
            w.write(',');
          }
          String s = r[c].toString();
          if (c == 7 || c == 2) {
            w.write('"');
            w.write(s.replace("\"", "\"\""));
            w.write('"');
          } else {
            w.write(s);
          }
        }
        w.write('\n');
      }
    }
  }
}
