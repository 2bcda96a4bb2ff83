package dev.pgdest.internal.copy;

import dev.pgdest.PgType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Dates and times as PostgreSQL stores them: days or microseconds relative to 2000-01-01. Both
 * use the proleptic Gregorian calendar, as java.time does. Sub-microsecond digits are truncated.
 */
public final class Temporal extends ValueEncoder {
  /** Seconds from 1970-01-01 to 2000-01-01. */
  private static final long PG_EPOCH_SECONDS = 946_684_800L;
  private static final long PG_EPOCH_DAYS = 10_957L;
  /** PostgreSQL's range: 4714-11-24 BC (Julian day 0) ... */
  private static final long MIN_DAYS = -2_451_545L;
  /** ... to 5874897-12-31 AD for dates, exclusive end. */
  private static final long END_DAYS = 2_145_031_949L;
  /** ... to 294276-12-31 AD for timestamps, exclusive end, in microseconds from 2000. */
  private static final long MIN_MICROS = MIN_DAYS * 86_400_000_000L;
  private static final long END_MICROS = 9_223_371_331_200_000_000L;

  private final PgType.Kind kind;

  private Temporal(PgType.Kind kind, int oid) {
    super(oid);
    this.kind = kind;
  }

  public static Temporal of(PgType.Kind kind) {
    switch (kind) {
      case DATE: return new Temporal(kind, 1082);
      case TIME: return new Temporal(kind, 1083);
      case TIMESTAMP: return new Temporal(kind, 1114);
      case TIMESTAMPTZ: return new Temporal(kind, 1184);
      default: throw new IllegalArgumentException(kind.name());
    }
  }

  @Override
  public long encode(Object v, Bytes out, EncodeContext ctx) {
    switch (kind) {
      case DATE: {
        LocalDate d;
        if (v instanceof LocalDate x) {
          d = x;
        } else {
          throw wrongType(v, "LocalDate for date");
        }
        long days = d.toEpochDay() - PG_EPOCH_DAYS;
        if (days < MIN_DAYS || days >= END_DAYS) {
          throw new ValueRejected("is outside PostgreSQL's date range (4713 BC to 5874897 AD)");
        }
        out.writeField4((int) days);
        return mix(days);
      }
      case TIME: {
        if (!(v instanceof LocalTime t)) {
          throw wrongType(v, "LocalTime for time");
        }
        long micros = t.toNanoOfDay() / 1000;
        out.writeField8(micros);
        return mix(micros);
      }
      case TIMESTAMP: {
        LocalDateTime t;
        if (v instanceof LocalDateTime x) {
          t = x;
        } else {
          throw wrongType(v, "LocalDateTime for timestamp");
        }
        long micros = micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano(), "timestamp");
        out.writeField8(micros);
        return mix(micros);
      }
      default: {
        Instant i;
        if (v instanceof Instant x) {
          i = x;
        } else if (v instanceof OffsetDateTime x) {
          i = x.toInstant();
        } else if (v instanceof ZonedDateTime x) {
          i = x.toInstant();
        } else if (v instanceof LocalDateTime x) {
          // A timestamp column widened to timestamptz keeps accepting naive values, read as UTC
          // like the widening itself did.
          i = x.toInstant(ZoneOffset.UTC);
        } else {
          throw wrongType(v, "Instant, OffsetDateTime or ZonedDateTime for timestamptz");
        }
        long micros = micros(i.getEpochSecond(), i.getNano(), "timestamptz");
        out.writeField8(micros);
        return mix(micros);
      }
    }
  }

  private static long micros(long epochSecond, int nano, String type) {
    long s = epochSecond - PG_EPOCH_SECONDS;
    // Bound the seconds first so that the multiplication cannot overflow.
    if (s < MIN_MICROS / 1_000_000 || s > END_MICROS / 1_000_000) {
      throw new ValueRejected("is outside PostgreSQL's " + type + " range (4713 BC to 294276 AD)");
    }
    long micros = s * 1_000_000 + nano / 1000;
    if (micros < MIN_MICROS || micros >= END_MICROS) {
      throw new ValueRejected("is outside PostgreSQL's " + type + " range (4713 BC to 294276 AD)");
    }
    return micros;
  }
}
