package dev.pgdest.internal.type;

import dev.pgdest.PgType;
import dev.pgdest.internal.copy.Bytes;
import dev.pgdest.internal.copy.EncodeContext;
import dev.pgdest.internal.copy.Temporal;
import dev.pgdest.internal.copy.ValueEncoder;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code date}, {@code time}, {@code timestamp}, {@code timestamptz}; see {@link Temporal} for the encoding. */
final class TemporalType extends ColumnType {
  private static final Pattern TS = Pattern.compile("timestamp\\(\\d\\) with(out)? time zone");
  private static final Pattern TIME = Pattern.compile("time\\(\\d\\) without time zone");

  @Override
  public Set<PgType.Kind> kinds() {
    return Set.of(PgType.Kind.DATE, PgType.Kind.TIME, PgType.Kind.TIMESTAMP, PgType.Kind.TIMESTAMPTZ);
  }

  @Override
  public ValueEncoder encoder(PgType type) {
    Temporal encoding = Temporal.of(type.kind());
    if (type.kind() != PgType.Kind.DATE && type.kind() != PgType.Kind.TIMESTAMP) {
      return encoding;
    }
    boolean date = type.kind() == PgType.Kind.DATE;
    // JDBC's date and timestamp classes are accepted here so that the encoding stays free of java.sql.
    return new ValueEncoder(encoding.oid) {
      @Override
      public long encode(Object v, Bytes out, EncodeContext ctx) {
        Object value = date && v instanceof java.sql.Date d ? d.toLocalDate()
            : !date && v instanceof java.sql.Timestamp t ? t.toLocalDateTime() : v;
        return encoding.encode(value, out, ctx);
      }
    };
  }

  @Override
  public PgType parse(String formatted) {
    switch (formatted) {
      case "date": return PgType.DATE;
      case "time without time zone": return PgType.TIME;
      case "timestamp without time zone": return PgType.TIMESTAMP;
      case "timestamp with time zone": return PgType.TIMESTAMPTZ;
      default: break;
    }
    // A declared precision only rounds on input; pgdest sends microseconds either way.
    if (TS.matcher(formatted).matches()) {
      return formatted.contains("without") ? PgType.TIMESTAMP : PgType.TIMESTAMPTZ;
    }
    return TIME.matcher(formatted).matches() ? PgType.TIME : null;
  }

  @Override
  public boolean widens(PgType from, PgType to) {
    return from.equals(to) || (from.kind() == PgType.Kind.TIMESTAMP && to.kind() == PgType.Kind.TIMESTAMPTZ);
  }

  @Override
  public String usingExpression(String quotedColumn, PgType to) {
    if (to.kind() == PgType.Kind.TIMESTAMPTZ) {
      // Naive timestamps are read as UTC, whatever the session's TimeZone.
      return quotedColumn + " AT TIME ZONE 'UTC'";
    }
    return super.usingExpression(quotedColumn, to);
  }
}
