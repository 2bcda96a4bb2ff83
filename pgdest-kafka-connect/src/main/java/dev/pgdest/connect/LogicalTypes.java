package dev.pgdest.connect;

import dev.pgdest.PgType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The logical types of Connect and of Debezium, by schema name: one line each, naming the column
 * type and how a value becomes the Java value pgdest encodes. A schema whose name is not here is
 * mapped by its physical type ({@link ConnectValues}).
 */
final class LogicalTypes {
  private LogicalTypes() {}

  /** A logical type: the column type for a schema, and the conversion of its values. */
  record Logical(Function<Schema, PgType> type, Function<Object, Object> value) {
    static Logical of(PgType type, Function<Object, Object> value) {
      return new Logical(s -> type, value);
    }
  }

  private static final long MICROS = 1_000_000L;
  private static final long NANOS = 1_000_000_000L;

  private static final Map<String, Logical> BY_NAME = Map.ofEntries(
      // Connect's own.
      Map.entry("org.apache.kafka.connect.data.Decimal", new Logical(LogicalTypes::decimalType, v -> (BigDecimal) v)),
      Map.entry("org.apache.kafka.connect.data.Date", Logical.of(PgType.DATE, v -> utcDate((Date) v).toLocalDate())),
      Map.entry("org.apache.kafka.connect.data.Time", Logical.of(PgType.TIME, v -> utcDate((Date) v).toLocalTime())),
      Map.entry("org.apache.kafka.connect.data.Timestamp", Logical.of(PgType.TIMESTAMP, v -> utcDate((Date) v))),
      // Debezium's (io.debezium.time and io.debezium.data): the source column's type, not its encoding.
      Map.entry("io.debezium.time.Date", Logical.of(PgType.DATE, v -> LocalDate.ofEpochDay(((Number) v).longValue()))),
      Map.entry("io.debezium.time.Time", Logical.of(PgType.TIME, v -> LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L))),
      Map.entry("io.debezium.time.MicroTime", Logical.of(PgType.TIME, v -> LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000L))),
      Map.entry("io.debezium.time.NanoTime", Logical.of(PgType.TIME, v -> LocalTime.ofNanoOfDay(((Number) v).longValue()))),
      Map.entry("io.debezium.time.Timestamp", Logical.of(PgType.TIMESTAMP, v -> epoch(((Number) v).longValue(), 1000L))),
      Map.entry("io.debezium.time.MicroTimestamp", Logical.of(PgType.TIMESTAMP, v -> epoch(((Number) v).longValue(), MICROS))),
      Map.entry("io.debezium.time.NanoTimestamp", Logical.of(PgType.TIMESTAMP, v -> epoch(((Number) v).longValue(), NANOS))),
      Map.entry("io.debezium.time.ZonedTimestamp", Logical.of(PgType.TIMESTAMPTZ, v -> OffsetDateTime.parse((String) v))),
      Map.entry("io.debezium.data.Uuid", Logical.of(PgType.UUID, v -> UUID.fromString((String) v))),
      Map.entry("io.debezium.data.Json", Logical.of(PgType.JSONB, v -> v)),
      Map.entry("io.debezium.data.Enum", Logical.of(PgType.TEXT, v -> v)),
      Map.entry("io.debezium.data.EnumSet", Logical.of(PgType.TEXT, v -> v)),
      Map.entry("io.debezium.data.VariableScaleDecimal", Logical.of(PgType.NUMERIC, LogicalTypes::variableScale)));

  /** The logical type of this schema, or null when it has none this table knows. */
  static Logical of(Schema schema) {
    return schema.name() == null ? null : BY_NAME.get(schema.name());
  }

  private static PgType decimalType(Schema schema) {
    Map<String, String> p = schema.parameters() == null ? Map.of() : schema.parameters();
    String precision = p.get("connect.decimal.precision");
    String scale = p.get("scale");
    if (precision != null && scale != null) {
      int pr = Integer.parseInt(precision);
      int sc = Integer.parseInt(scale);
      if (pr > 0 && pr <= 1000 && sc >= 0 && sc <= pr) {
        return PgType.numeric(pr, sc);
      }
    }
    // Without a declared precision any scale may come: an unconstrained numeric keeps every value.
    return PgType.NUMERIC;
  }

  private static LocalDateTime utcDate(Date d) {
    return epoch(d.getTime(), 1000L);
  }

  private static LocalDateTime epoch(long value, long perSecond) {
    long seconds = Math.floorDiv(value, perSecond);
    long fraction = Math.floorMod(value, perSecond);
    long nanos = fraction * (NANOS / perSecond);
    // Not ofInstant: ZoneOffset.getRules() builds a new ZoneRules on every call (a twentieth of a
    // task's CPU with Date and Timestamp columns).
    return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
  }

  private static BigDecimal variableScale(Object v) {
    Struct s = (Struct) v;
    Object bytes = s.get("value");
    byte[] b = bytes instanceof ByteBuffer bb ? toArray(bb) : (byte[]) bytes;
    return new BigDecimal(new BigInteger(b), s.getInt32("scale"));
  }

  private static byte[] toArray(ByteBuffer bb) {
    byte[] b = new byte[bb.remaining()];
    bb.duplicate().get(b);
    return b;
  }
}
