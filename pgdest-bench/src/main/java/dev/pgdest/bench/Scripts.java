package dev.pgdest.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * The hand-written SQL an expert would run instead of pgdest: binary COPY of a server-side file
 * into a TEMP table, then {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE ... IS DISTINCT FROM}.
 * The variants change one thing at a time, to measure what each costs on the server.
 */
final class Scripts {
  /** One way of running the script; {@link #PLAIN} is the reference. */
  enum Variant {
    /** The script as an expert writes it. */
    PLAIN,
    /** Counts inserted and updated rows with {@code RETURNING (xmax = 0)} in a CTE. */
    RETURNING_XMAX,
    /** Counts the staged keys already in the table first, then runs the plain statement. */
    COUNT_EXISTING,
    /** {@code temp_buffers} large enough to keep the staging table in memory. */
    TEMP_BUFFERS,
    /** A staging table emptied by TRUNCATE instead of ON COMMIT DELETE ROWS. */
    TRUNCATE,
    /** ANALYZE of the staging table before merging. */
    ANALYZE,
    /** The change test as one IS DISTINCT FROM per column, OR-ed. */
    PER_COLUMN
  }

  private static final String COLUMNS = "uid, name, email, at, amount, active, doc, score";

  private Scripts() {}

  /**
   * Runs the script over {@code files} in order, one transaction per file, on one connection with
   * one staging table. A single file is the one-transaction script.
   */
  static void run(Connection c, String target, List<Path> files, Variant v) throws Exception {
    try (Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      if (v == Variant.TEMP_BUFFERS) {
        st.execute("SET temp_buffers = '128MB'");
      }
      st.execute("CREATE TEMP TABLE s (LIKE " + target + ")"
          + (v == Variant.TRUNCATE ? "" : " ON COMMIT DELETE ROWS"));
      c.commit();
      for (Path file : files) {
        st.execute("COPY s FROM " + literal(file) + " (FORMAT binary)");
        if (v == Variant.ANALYZE) {
          st.execute("ANALYZE s");
        }
        if (v == Variant.COUNT_EXISTING) {
          try (ResultSet rs = st.executeQuery("SELECT count(*) FROM s WHERE EXISTS (SELECT 1 FROM " + target
              + " t WHERE t.id = s.id)")) {
            rs.next();
          }
        }
        String merge = upsert(target, v);
        if (v == Variant.RETURNING_XMAX) {
          try (ResultSet rs = st.executeQuery("WITH m AS (" + merge + " RETURNING (t.xmax = 0) AS ins)"
              + " SELECT count(*) FILTER (WHERE ins), count(*) FILTER (WHERE NOT ins) FROM m")) {
            rs.next();
          }
        } else {
          st.executeUpdate(merge);
        }
        if (v == Variant.TRUNCATE) {
          st.execute("TRUNCATE s");
        }
        c.commit();
      }
      st.execute("DROP TABLE s");
      c.commit();
    }
  }

  private static String upsert(String target, Variant v) {
    String[] cols = COLUMNS.split(", ");
    StringBuilder set = new StringBuilder();
    StringBuilder old = new StringBuilder();
    StringBuilder neu = new StringBuilder();
    StringBuilder perColumn = new StringBuilder();
    for (int i = 0; i < cols.length; i++) {
      String sep = i == 0 ? "" : ", ";
      set.append(sep).append(cols[i]).append(" = EXCLUDED.").append(cols[i]);
      old.append(sep).append("t.").append(cols[i]);
      neu.append(sep).append("EXCLUDED.").append(cols[i]);
      perColumn.append(i == 0 ? "" : " OR ").append("t.").append(cols[i]).append(" IS DISTINCT FROM EXCLUDED.")
          .append(cols[i]);
    }
    String changed = v == Variant.PER_COLUMN ? perColumn.toString()
        : "(" + old + ") IS DISTINCT FROM (" + neu + ")";
    return "INSERT INTO " + target + " AS t SELECT * FROM s ON CONFLICT (id) DO UPDATE SET " + set + " WHERE "
        + changed;
  }

  /**
   * REPLACE by hand, one transaction: a new table like the target (indexes and constraints
   * included) loaded by COPY, the old one dropped and the new one renamed in its place.
   */
  static void replaceBySwap(Connection c, String schema, String table, Path file) throws Exception {
    String target = schema + "." + table;
    String fresh = schema + "." + table + "_new";
    try (Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("CREATE TABLE " + fresh + " (LIKE " + target + " INCLUDING ALL)");
      st.execute("COPY " + fresh + " FROM " + literal(file) + " (FORMAT binary)");
      st.execute("DROP TABLE " + target);
      st.execute("ALTER TABLE " + fresh + " RENAME TO " + table);
      c.commit();
    }
  }

  /** REPLACE by hand, one transaction: TRUNCATE the target, COPY into it. */
  static void replaceByTruncate(Connection c, String target, Path file) throws Exception {
    try (Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("TRUNCATE " + target);
      st.execute("COPY " + target + " FROM " + literal(file) + " (FORMAT binary)");
      c.commit();
    }
  }

  /**
   * The composite-key UPSERT by hand, one transaction: COPY into a TEMP table that numbers the
   * rows in file order, keep the last row of each key with {@code DISTINCT ON} (else ON CONFLICT
   * fails with "cannot affect row a second time"), merge.
   */
  static void compositeUpsert(Connection c, String target, Path file) throws Exception {
    String key = String.join(", ", CompositeRows.KEY);
    String all = key + ", " + String.join(", ", CompositeRows.VALUES);
    StringBuilder set = new StringBuilder();
    StringBuilder old = new StringBuilder();
    StringBuilder neu = new StringBuilder();
    for (String v : CompositeRows.VALUES) {
      String sep = set.length() == 0 ? "" : ", ";
      set.append(sep).append(v).append(" = EXCLUDED.").append(v);
      old.append(sep).append("t.").append(v);
      neu.append(sep).append("EXCLUDED.").append(v);
    }
    try (Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("CREATE TEMP TABLE s (LIKE " + target + ", ord bigserial) ON COMMIT DROP");
      st.execute("COPY s (" + all + ") FROM " + literal(file) + " (FORMAT binary)");
      st.executeUpdate("INSERT INTO " + target + " AS t SELECT DISTINCT ON (" + key + ") " + all + " FROM s ORDER BY "
          + key + ", ord DESC ON CONFLICT (" + key + ") DO UPDATE SET " + set + " WHERE (" + old
          + ") IS DISTINCT FROM (" + neu + ")");
      c.commit();
    }
  }

  static String literal(Path file) {
    return "'" + file.toString().replace("'", "''") + "'";
  }
}
