package dev.pgdest.bench;

import dev.pgdest.PgType;
import dev.pgdest.TableSpec;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Flight-like rows for the composite-key UPSERT cases: a five-column key of texts, an integer and
 * a date, then mostly text values. Every {@value #DUPLICATE_EVERY}th row is followed by a second
 * row with the key of a row 1,000 rows earlier (same batch in almost every case) and other
 * values, so the last one must win. Column 13 is the position in the load, used only to export
 * the rows in order for the script.
 */
final class CompositeRows {
  static final String[] KEY = {"carrier", "flight_no", "origin", "dest", "flight_date"};
  static final String[] VALUES = {"tail_no", "dep_time", "arr_time", "status", "remarks", "distance", "delay",
      "cancelled"};
  static final int COLUMNS = KEY.length + VALUES.length;
  static final int DUPLICATE_EVERY = 5_000;

  private static final String[] CARRIERS = {"AA", "AS", "B6", "DL", "F9", "G4", "HA", "MQ", "NK", "OO", "UA", "WN"};
  private static final String[] AIRPORTS = {"ATL", "BOS", "CLT", "DEN", "DFW", "DTW", "EWR", "IAH", "JFK", "LAS",
      "LAX", "LGA", "MCO", "MIA", "MSP", "ORD", "PHL", "PHX", "SEA", "SFO", "SLC", "TPA"};
  private static final String[] STATUS = {"on time", "delayed", "diverted", "cancelled", "landed early"};
  private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

  private CompositeRows() {}

  static TableSpec spec(String table) {
    return TableSpec.builder(table)
        .column("carrier", PgType.TEXT).column("flight_no", PgType.INTEGER).column("origin", PgType.TEXT)
        .column("dest", PgType.TEXT).column("flight_date", PgType.DATE).column("tail_no", PgType.TEXT)
        .column("dep_time", PgType.TEXT).column("arr_time", PgType.TEXT).column("status", PgType.TEXT)
        .column("remarks", PgType.TEXT).column("distance", PgType.INTEGER).column("delay", PgType.DOUBLE)
        .column("cancelled", PgType.BOOLEAN)
        .primaryKey(KEY).build();
  }

  /** The same columns with no key and the position in the load, to export the rows in order. */
  static TableSpec sourceSpec(String table) {
    TableSpec.Builder b = TableSpec.builder(table);
    TableSpec keyed = spec("x");
    keyed.columns().forEach(c -> b.column(c.name(), c.type()));
    return b.column("seq", PgType.BIGINT).build();
  }

  static String ddl(String qualified) {
    return "CREATE TABLE " + qualified + " (carrier text, flight_no integer, origin text, dest text, flight_date date,"
        + " tail_no text, dep_time text, arr_time text, status text, remarks text, distance integer,"
        + " delay double precision, cancelled boolean, PRIMARY KEY (" + String.join(", ", KEY) + "))";
  }

  /** {@code unique} distinct keys plus one duplicate per {@value #DUPLICATE_EVERY}; columns 0..12, then seq. */
  static Object[][] generate(int unique, int version) {
    SplittableRandom random = new SplittableRandom(7 + version);
    Object[][] rows = new Object[unique + unique / DUPLICATE_EVERY][];
    int n = 0;
    for (int i = 0; i < unique; i++) {
      rows[n] = row(i, random, version, n);
      n++;
      if (i % DUPLICATE_EVERY == DUPLICATE_EVERY - 1) {
        rows[n] = row(i - 1_000, random, version + 100, n);
        n++;
      }
    }
    return rows;
  }

  /** The distinct keys only, each with the values its last row in {@link #generate} has. */
  static Object[][] lastWins(Object[][] rows) {
    java.util.Map<java.util.List<Object>, Object[]> last = new java.util.LinkedHashMap<>();
    for (Object[] r : rows) {
      last.put(java.util.Arrays.asList(r).subList(0, KEY.length), r);
    }
    return last.values().toArray(new Object[0][]);
  }

  private static Object[] row(int i, SplittableRandom random, int version, long seq) {
    int day = i / 60_000;
    int j = i % 60_000;
    int flight = j / CARRIERS.length;
    int minutes = random.nextInt(24 * 60);
    int late = random.nextInt(-20, 180);
    return new Object[] {
        CARRIERS[j % CARRIERS.length],
        flight + 1,
        AIRPORTS[flight % AIRPORTS.length],
        AIRPORTS[(flight / AIRPORTS.length + 1 + flight % AIRPORTS.length) % AIRPORTS.length],
        FIRST_DAY.plusDays(day),
        "N" + Integer.toString(10_000 + random.nextInt(90_000), 36).toUpperCase() + "v" + version,
        clock(minutes),
        clock(minutes + 60 + random.nextInt(300) + late),
        STATUS[random.nextInt(STATUS.length)],
        "gate " + (char) ('A' + random.nextInt(6)) + random.nextInt(40) + ", crew " + Long.toString(random.nextLong(1L
            << 40), 36) + ", load factor " + random.nextInt(100) + "%, version " + version,
        200 + random.nextInt(2_500),
        (double) late,
        random.nextInt(50) == 0,
        seq};
  }

  private static String clock(int minutes) {
    int m = Math.floorMod(minutes, 24 * 60);
    return String.format("%02d:%02d", m / 60, m % 60);
  }
}
