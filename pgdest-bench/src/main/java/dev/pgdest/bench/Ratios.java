package dev.pgdest.bench;

/** The pairs of cases the report compares, with the project's targets where it has one. */
final class Ratios {
  private Ratios() {}

  static void add(Report report, int batchRows) {
    String perBatch = String.format(" per batch of %,d", batchRows);
    String copy = "server COPY FROM file (binary)";
    report.ratio("pgdest APPEND", copy, "<= 1.20");
    report.ratio("pgdest APPEND", copy + perBatch, "");
    report.ratio("pgdest APPEND", "PgBulkInsert 8.1.4", "<= 1.00");
    report.ratio("pgdest APPEND", "psql \\copy CSV", "");
    report.ratio("PgBulkInsert 8.1.4", copy, "");
    String copy2 = copy + ", 2 connections (halves)";
    report.ratio(copy2, copy, "");
    report.ratio("PgBulkInsert 8.1.4, 2 connections (halves)", "PgBulkInsert 8.1.4", "");
    report.ratio("pgdest APPEND, 2 writers (halves)", "pgdest APPEND", "");
    report.ratio("pgdest APPEND, 2 writers (halves)", copy, "<= 0.90");
    report.ratio("pgdest APPEND, 2 writers (halves)", copy2, "");
    report.ratio("pgdest APPEND, parallel 2", copy, "<= 0.90");
    report.ratio("pgdest APPEND, parallel 2", "pgdest APPEND", "");
    report.ratio("pgdest APPEND, parallel 2", copy2, "");
    report.ratio("pgdest APPEND, parallel 2", "PgBulkInsert 8.1.4, 2 connections (halves)", "");
    report.ratio("pgdest APPEND, parallel 4", "pgdest APPEND, parallel 2", "");
    report.ratio("pgdest UPSERT, empty target it creates", "script UPSERT, empty target", "<= 1.10");
    report.ratio("pgdest UPSERT, empty existing target", "script UPSERT, empty target", "<= 1.10");
    report.ratio("pgdest UPSERT, empty existing target", copy, "");
    for (String c : new String[] {"all keys changed", "all keys unchanged"}) {
      report.ratio("pgdest UPSERT, " + c, "script UPSERT, " + c, "<= 1.10");
      report.ratio("pgdest UPSERT, " + c, "script UPSERT" + perBatch + ", " + c, "");
    }
    report.ratio("pgdest UPSERT, all keys changed", "pgjdbc batch INSERT ON CONFLICT, all keys changed", "");
    String replace = "pgdest REPLACE, all rows replaced";
    report.ratio(replace, "script REPLACE by COPY into a new table + DROP + RENAME", "<= 1.25");
    report.ratio(replace, "script REPLACE by TRUNCATE + COPY", "");
    report.ratio("pgdest composite UPSERT, empty target it creates", "script composite UPSERT, empty target",
        "<= 1.10");
    report.ratio("pgdest composite UPSERT, empty existing target", "script composite UPSERT, empty target",
        "<= 1.10");
    report.ratio("pgdest composite UPSERT, all keys changed", "script composite UPSERT, all keys changed", "<= 1.10");
    String plain = "script UPSERT" + perBatch + ", all keys changed";
    for (String v : report.names()) {
      if (v.startsWith("variant")) {
        report.ratio(v, plain, "");
      }
    }
  }
}
