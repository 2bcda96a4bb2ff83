package dev.pgdest.internal.copy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * PostgreSQL's binary {@code numeric}: int16 ndigits, int16 weight, int16 sign, int16 dscale,
 * then ndigits base-10000 digits, grouped from the decimal point. Values whose unscaled digits
 * fit a long take an allocation-free path.
 */
public final class Numeric {
  static final int POS = 0x0000;
  static final int NEG = 0x4000;
  public static final int NAN = 0xC000;
  public static final int PINF = 0xD000;
  public static final int NINF = 0xF000;
  private static final long[] POW10 = {1, 10, 100, 1000};
  /** PostgreSQL's limits: 131072 digits before the point, 16383 after. */
  private static final int MAX_DSCALE = 16383;
  private static final int MAX_INT_DIGITS = 131072;

  private Numeric() {}

  /**
   * Checks a value against {@code numeric(precision, scale)} (precision -1: unconstrained) and
   * returns it at the scale to store.
   */
  public static BigDecimal fit(BigDecimal v, int precision, int scale) {
    if (precision < 0) {
      if (v.scale() > MAX_DSCALE) {
        throw new ValueRejected("has more than " + MAX_DSCALE + " digits after the decimal point");
      }
      if (v.precision() - v.scale() > MAX_INT_DIGITS) {
        throw new ValueRejected("has more than " + MAX_INT_DIGITS + " digits before the decimal point");
      }
      return v;
    }
    BigDecimal r;
    if (v.scale() == scale) {
      r = v;
    } else {
      try {
        r = v.setScale(scale, RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        throw new ValueRejected("has more than " + scale + " digits after the decimal point (numeric("
            + precision + "," + scale + "))");
      }
    }
    if (r.signum() != 0 && r.precision() - r.scale() > precision - scale) {
      throw new ValueRejected("overflows numeric(" + precision + "," + scale + "): more than " + (precision - scale)
          + " digits before the decimal point");
    }
    return r;
  }

  /** Writes a special value (NaN, infinities) as a whole field. */
  public static void writeSpecial(Bytes out, int sign) {
    out.ensure(12);
    out.writeInt(8);
    out.writeShort(0);
    out.writeShort(0);
    out.writeShort(sign);
    out.writeShort(0);
  }

  /** Writes a finite value as a whole field (length included). */
  public static void write(BigDecimal v, Bytes out, int[] scratch) {
    int scale = v.scale();
    int dscale = Math.max(0, scale);
    int sign = v.signum() < 0 ? NEG : POS;
    if (v.signum() == 0) {
      writeHeader(out, 0, 0, POS, dscale);
      return;
    }
    if (scale >= 0 && v.precision() <= 18) {
      long unscaled = Math.abs(v.unscaledValue().longValue());
      int pad = (4 - scale % 4) % 4;
      if (unscaled <= Long.MAX_VALUE / 1000) {
        writeLong(out, unscaled * POW10[pad], (scale + pad) / 4, sign, dscale, scratch);
        return;
      }
    }
    writeBig(v, out, sign, dscale);
  }

  private static void writeLong(Bytes out, long v, int fracGroups, int sign, int dscale, int[] groups) {
    int n = 0;
    while (v != 0) {
      groups[n++] = (int) (v % 10000);
      v /= 10000;
    }
    // groups[0] is the least significant; drop trailing (least significant) zero groups.
    int low = 0;
    while (low < n && groups[low] == 0) {
      low++;
    }
    int weight = n - fracGroups - 1;
    int ndigits = n - low;
    writeHeader(out, ndigits, weight, sign, dscale);
    for (int k = n - 1; k >= low; k--) {
      out.writeShort(groups[k]);
    }
  }

  private static void writeBig(BigDecimal v, Bytes out, int sign, int dscale) {
    BigInteger unscaled = v.unscaledValue().abs();
    int scale = v.scale();
    if (scale < 0) {
      unscaled = unscaled.multiply(BigInteger.TEN.pow(-scale));
      scale = 0;
    }
    String digits = unscaled.toString();
    int pad = (4 - scale % 4) % 4;
    int len = digits.length() + pad;
    int fracGroups = (scale + pad) / 4;
    int total = (len + 3) / 4;
    int lead = total * 4 - len; // zeros in front so the string splits into whole groups
    int[] groups = new int[total];
    for (int g = 0; g < total; g++) {
      int value = 0;
      for (int k = 0; k < 4; k++) {
        int idx = g * 4 + k - lead;
        int d = idx >= 0 && idx < digits.length() ? digits.charAt(idx) - '0' : 0;
        value = value * 10 + d;
      }
      groups[g] = value;
    }
    int first = 0;
    while (first < total && groups[first] == 0) {
      first++;
    }
    int last = total - 1;
    while (last >= first && groups[last] == 0) {
      last--;
    }
    int weight = total - fracGroups - 1 - first;
    int ndigits = last - first + 1;
    writeHeader(out, ndigits, weight, sign, dscale);
    for (int g = first; g <= last; g++) {
      out.writeShort(groups[g]);
    }
  }

  private static void writeHeader(Bytes out, int ndigits, int weight, int sign, int dscale) {
    out.writeInt(8 + 2 * ndigits);
    out.writeShort(ndigits);
    out.writeShort(weight);
    out.writeShort(sign);
    out.writeShort(dscale);
  }
}
