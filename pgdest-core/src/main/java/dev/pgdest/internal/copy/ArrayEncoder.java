package dev.pgdest.internal.copy;

import dev.pgdest.PgType;
import java.lang.reflect.Array;
import java.util.Collection;

/**
 * One-dimensional arrays: a 20-byte header (dimensions, null flag, element OID, length, lower
 * bound 1), then one field per element. Elements go to a scratch buffer first because the array's
 * length prefix must be written before them.
 */
public final class ArrayEncoder extends ValueEncoder {
  private final ValueEncoder element;
  private final String typeName;

  public ArrayEncoder(ValueEncoder element, PgType elementType) {
    super(0);
    this.element = element;
    this.typeName = elementType.sqlName() + "[]";
  }

  @Override
  public long encode(Object v, Bytes out, EncodeContext ctx) {
    Bytes scratch = ctx.arrayScratch;
    scratch.reset();
    int count = 0;
    boolean nulls = false;
    if (v instanceof Object[] a) {
      for (Object e : a) {
        nulls |= one(e, scratch, ctx);
      }
      count = a.length;
    } else if (v instanceof Collection<?> c) {
      for (Object e : c) {
        nulls |= one(e, scratch, ctx);
        count++;
      }
    } else if (isNumericOrBooleanArray(v)) {
      // int[], long[], short[], float[], double[], boolean[]: rare enough that boxing each element
      // costs less than six copies of the same loop.
      count = Array.getLength(v);
      for (int i = 0; i < count; i++) {
        element.encode(Array.get(v, i), scratch, ctx);
      }
    } else {
      throw wrongType(v, "an array or Collection for " + typeName);
    }
    if (count == 0) {
      out.ensure(16);
      out.writeInt(12);
      out.writeInt(0);
      out.writeInt(0);
      out.writeInt(element.oid);
      return 0;
    }
    out.ensure(24);
    out.writeInt(20 + scratch.pos);
    out.writeInt(1);
    out.writeInt(nulls ? 1 : 0);
    out.writeInt(element.oid);
    out.writeInt(count);
    out.writeInt(1);
    out.write(scratch);
    return 0;
  }

  private boolean one(Object e, Bytes scratch, EncodeContext ctx) {
    if (e == null) {
      scratch.writeInt(-1);
      return true;
    }
    element.encode(e, scratch, ctx);
    return false;
  }

  /** Primitive arrays other than byte[] (bytea) and char[] (text), which are not arrays of values here. */
  private static boolean isNumericOrBooleanArray(Object v) {
    Class<?> component = v.getClass().getComponentType();
    return component != null && component.isPrimitive() && component != byte.class && component != char.class;
  }
}
