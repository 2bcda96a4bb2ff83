package dev.pgdest.internal.copy;

import dev.pgdest.DataException;
import dev.pgdest.PgType;
import java.util.List;

/**
 * Validates and encodes whole rows into binary COPY format. Built once per writer from the
 * effective column types, so a row costs a loop over prepared encoders and no lookups or
 * reflection. Not thread-safe.
 */
public final class RowEncoder {

  /** A column as the encoder needs it: its name, type, nullability, key membership and encoder. */
  public record Field(String name, PgType type, boolean nullable, boolean key, ValueEncoder encoder) {}

  private final String table;
  private final String[] names;
  private final ValueEncoder[] encoders;
  private final boolean[] nullable;
  private final boolean[] key;
  private final EncodeContext ctx;

  /** An encoder for these columns of {@code table} (named as the caller named it). */
  public RowEncoder(String table, List<Field> fields, EncodeContext ctx) {
    this.table = table;
    int n = fields.size();
    this.names = new String[n];
    this.encoders = new ValueEncoder[n];
    this.nullable = new boolean[n];
    this.key = new boolean[n];
    for (int i = 0; i < n; i++) {
      Field f = fields.get(i);
      names[i] = f.name();
      encoders[i] = f.encoder();
      nullable[i] = f.nullable();
      key[i] = f.key();
    }
    this.ctx = ctx;
  }

  /** The number of columns a row must have. */
  public int width() {
    return names.length;
  }

  /** The shared encoding state (sanitized-value counts). */
  public EncodeContext context() {
    return ctx;
  }

  /**
   * Encodes one row.
   *
   * @param row the 1-based position of the row among all rows given to the writer
   * @return a hash of the key columns as stored (0 when there are none)
   * @throws DataException naming table, column and row when a value does not fit
   */
  public long encode(Object[] values, Bytes out, long row) {
    return encode(values, out, row, false, null);
  }

  /**
   * Encodes one change of a sync session: the row, then a trailing boolean field (whether the
   * change deletes its key).
   *
   * @param keyOnly a delete: columns outside the key may be null whatever their nullability
   * @param position the change's position, for messages
   */
  public long encodeChange(Object[] values, Bytes out, long position, boolean keyOnly) {
    return encode(values, out, position, keyOnly, Boolean.valueOf(keyOnly));
  }

  private long encode(Object[] values, Bytes out, long row, boolean keyOnly, Boolean flag) {
    if (values.length != names.length) {
      throw new DataException("table \"" + table + "\", row " + row + ": " + values.length
          + " values given for " + names.length + " columns", table, null, row);
    }
    out.writeShort(names.length + (flag == null ? 0 : 1));
    long keyHash = 0;
    int i = 0;
    try {
      for (; i < values.length; i++) {
        Object v = values[i];
        if (v == null) {
          if (!nullable[i] && !(keyOnly && !key[i])) {
            throw new ValueRejected("is null, but the column is NOT NULL");
          }
          out.writeInt(-1);
          if (key[i]) {
            keyHash = keyHash * 31 + 7;
          }
        } else {
          long h = encoders[i].encode(v, out, ctx);
          if (key[i]) {
            keyHash = ValueEncoder.mix(keyHash * 31 + h);
          }
        }
      }
    } catch (ValueRejected e) {
      throw new DataException("table \"" + table + "\", column \"" + names[i] + "\", row " + row + ": the value "
          + e.getMessage(), table, names[i], row);
    }
    if (flag != null) {
      out.ensure(5);
      out.writeInt(1);
      out.writeByte(flag ? 1 : 0);
    }
    return keyHash;
  }
}
