package dev.pgdest.internal.copy;

/** Validates one non-null Java value for one column type and writes it as a binary COPY field. */
public abstract class ValueEncoder {
  /** The element type's OID, written in array headers. */
  public final int oid;

  protected ValueEncoder(int oid) {
    this.oid = oid;
  }

  /**
   * Writes the field: int32 length, then the bytes.
   *
   * @return a hash of the value as stored, equal for values PostgreSQL considers equal (used to
   *     spot duplicate keys in a batch; collisions only cost an unneeded dedupe)
   * @throws ValueRejected when the value does not fit
   */
  public abstract long encode(Object v, Bytes out, EncodeContext ctx);

  public static ValueRejected wrongType(Object v, String expected) {
    return new ValueRejected("has Java type " + v.getClass().getName() + " where " + expected + " is expected");
  }

  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
