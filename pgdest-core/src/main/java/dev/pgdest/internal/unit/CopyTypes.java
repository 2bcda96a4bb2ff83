package dev.pgdest.internal.unit;

import dev.pgdest.PgType;
import dev.pgdest.PgdestException;
import dev.pgdest.TableSpec;
import dev.pgdest.internal.sql.SchemaSql;
import dev.pgdest.internal.type.ColumnTypes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary COPY trusts the client: rows encoded for a {@code bigint} column land in a {@code double
 * precision} one as garbage. So before each COPY, inside the batch's transaction, the table the
 * rows go to is locked against {@code ALTER TABLE} and its column types are compared with the ones
 * the rows were encoded for; a column someone retyped since the writer opened fails the batch,
 * naming it, before a byte is sent. A {@link TableWork#openCopy} calls it for the table it copies into.
 */
public final class CopyTypes {
  private CopyTypes() {}

  /**
   * Checks {@code relation}'s types for {@code columns} against {@code types}.
   *
   * @param lock whether to lock the relation first (not for the writer's own TEMP stages)
   * @throws PgdestException (not retryable) naming the column, its encoded and its current type
   */
  public static void verify(UnitConnection c, String relation, boolean lock, TableSpec spec, List<String> columns,
      List<PgType> types) throws SQLException {
    if (lock) {
      c.execute(SchemaSql.lockForWrite(relation));
    }
    Map<String, String> current = new HashMap<>();
    try (PreparedStatement ps = c.connection().prepareStatement(SchemaSql.COLUMN_TYPES_OF_RELATION)) {
      ps.setString(1, relation);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          current.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      String formatted = current.get(columns.get(i));
      PgType now = formatted == null ? null : ColumnTypes.parse(formatted);
      if (!types.get(i).equals(now)) {
        throw new PgdestException("table \"" + spec.name() + "\", column \"" + name(spec, columns.get(i)) + "\": "
            + (formatted == null ? "the column is gone" : "its type changed from " + types.get(i).sqlName() + " to "
            + formatted) + " since the writer opened (the table was altered), so the batch was not written;"
            + " open a new writer to write with the table as it is now");
      }
    }
  }

  private static String name(TableSpec spec, String sqlName) {
    for (TableSpec.Column col : spec.columns()) {
      if (col.sqlName().equals(sqlName)) {
        return col.name();
      }
    }
    return sqlName;
  }
}
