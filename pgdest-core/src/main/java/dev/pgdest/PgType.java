package dev.pgdest;

import java.util.Objects;

/**
 * A PostgreSQL column type that pgdest can write: the scalar types below, {@code varchar(n)},
 * {@code numeric(p,s)} and one-dimensional arrays of any scalar type. Immutable and thread-safe;
 * compare with {@link #equals(Object)}.
 *
 * <p>Java values map to types as follows (anything else is a {@link DataException}):
 *
 * <table>
 *   <caption>Java types accepted per column type</caption>
 *   <tr><th>PgType</th><th>Java values</th></tr>
 *   <tr><td>BOOLEAN</td><td>Boolean</td></tr>
 *   <tr><td>SMALLINT, INTEGER, BIGINT</td><td>Byte, Short, Integer, Long, BigInteger (range-checked)</td></tr>
 *   <tr><td>REAL</td><td>Float; Double, Integer, Long when exactly representable</td></tr>
 *   <tr><td>DOUBLE</td><td>Double, Float; Integer, Long when exactly representable</td></tr>
 *   <tr><td>NUMERIC, numeric(p,s)</td><td>BigDecimal, BigInteger, Byte, Short, Integer, Long; Double/Float
 *       (NaN; Infinity only when unconstrained, PostgreSQL 14+)</td></tr>
 *   <tr><td>TEXT, varchar(n)</td><td>CharSequence, Character, Enum (its name)</td></tr>
 *   <tr><td>JSON, JSONB</td><td>CharSequence holding JSON text</td></tr>
 *   <tr><td>BYTEA</td><td>byte[], ByteBuffer (its remaining bytes)</td></tr>
 *   <tr><td>DATE</td><td>LocalDate, java.sql.Date</td></tr>
 *   <tr><td>TIME</td><td>LocalTime (sub-microsecond digits are truncated)</td></tr>
 *   <tr><td>TIMESTAMP</td><td>LocalDateTime, java.sql.Timestamp (truncated to microseconds)</td></tr>
 *   <tr><td>TIMESTAMPTZ</td><td>Instant, OffsetDateTime, ZonedDateTime (truncated to microseconds);
 *       LocalDateTime is read as UTC (as the widening of a timestamp column to timestamptz reads
 *       its values), never in the JVM's or the server's time zone</td></tr>
 *   <tr><td>UUID</td><td>UUID</td></tr>
 *   <tr><td>arrays</td><td>Object[] or Collection of the element's Java types (nulls allowed);
 *       boolean[], short[], int[], long[], float[], double[]</td></tr>
 * </table>
 *
 * <p>The column as it exists decides how a value is checked: a spec type narrower than the existing
 * column (a {@code varchar(5)} spec over a {@code text} column, {@code integer} over {@code bigint},
 * {@code numeric(6,2)} over {@code numeric}) is accepted, the column is left as it is, and values are
 * checked against the column, not the spec; a {@code text} column takes a 20-character value from a
 * {@code varchar(5)} spec. Only a column narrower than its spec is widened (see {@link TableSpec}).
 *
 * <pre>{@code
 * PgType price = PgType.numeric(12, 2);
 * PgType tags = PgType.arrayOf(PgType.TEXT);
 * }</pre>
 */
public final class PgType {

  /** The family of a type; arrays report {@link #ARRAY}. */
  public enum Kind {
    BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC, TEXT, VARCHAR, BYTEA, DATE, TIME,
    TIMESTAMP, TIMESTAMPTZ, UUID, JSON, JSONB, ARRAY
  }

  public static final PgType BOOLEAN = new PgType(Kind.BOOLEAN, -1, -1, null);
  public static final PgType SMALLINT = new PgType(Kind.SMALLINT, -1, -1, null);
  public static final PgType INTEGER = new PgType(Kind.INTEGER, -1, -1, null);
  public static final PgType BIGINT = new PgType(Kind.BIGINT, -1, -1, null);
  public static final PgType REAL = new PgType(Kind.REAL, -1, -1, null);
  /** {@code double precision}. */
  public static final PgType DOUBLE = new PgType(Kind.DOUBLE, -1, -1, null);
  /** Unconstrained {@code numeric}. */
  public static final PgType NUMERIC = new PgType(Kind.NUMERIC, -1, -1, null);
  public static final PgType TEXT = new PgType(Kind.TEXT, -1, -1, null);
  public static final PgType BYTEA = new PgType(Kind.BYTEA, -1, -1, null);
  public static final PgType DATE = new PgType(Kind.DATE, -1, -1, null);
  /** {@code time without time zone}. */
  public static final PgType TIME = new PgType(Kind.TIME, -1, -1, null);
  /** {@code timestamp without time zone}. */
  public static final PgType TIMESTAMP = new PgType(Kind.TIMESTAMP, -1, -1, null);
  /** {@code timestamp with time zone}. */
  public static final PgType TIMESTAMPTZ = new PgType(Kind.TIMESTAMPTZ, -1, -1, null);
  public static final PgType UUID = new PgType(Kind.UUID, -1, -1, null);
  public static final PgType JSON = new PgType(Kind.JSON, -1, -1, null);
  public static final PgType JSONB = new PgType(Kind.JSONB, -1, -1, null);

  private final Kind kind;
  private final int precisionOrLength;
  private final int scale;
  private final PgType element;

  private PgType(Kind kind, int precisionOrLength, int scale, PgType element) {
    this.kind = kind;
    this.precisionOrLength = precisionOrLength;
    this.scale = scale;
    this.element = element;
  }

  /**
   * {@code numeric(precision, scale)}.
   *
   * @throws IllegalArgumentException unless 1 &lt;= precision &lt;= 1000 and 0 &lt;= scale &lt;= precision
   */
  public static PgType numeric(int precision, int scale) {
    if (precision < 1 || precision > 1000) {
      throw new IllegalArgumentException("numeric precision must be in 1..1000: " + precision);
    }
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException("numeric scale must be in 0.." + precision + ": " + scale);
    }
    return new PgType(Kind.NUMERIC, precision, scale, null);
  }

  /**
   * {@code varchar(length)}, a text of at most {@code length} characters.
   *
   * @throws IllegalArgumentException unless 1 &lt;= length &lt;= 10485760
   */
  public static PgType varchar(int length) {
    if (length < 1 || length > 10_485_760) {
      throw new IllegalArgumentException("varchar length must be in 1..10485760: " + length);
    }
    return new PgType(Kind.VARCHAR, length, -1, null);
  }

  /**
   * A one-dimensional array of a scalar type, e.g. {@code text[]}.
   *
   * @throws IllegalArgumentException when the element is itself an array
   */
  public static PgType arrayOf(PgType element) {
    Objects.requireNonNull(element, "element");
    if (element.kind == Kind.ARRAY) {
      throw new IllegalArgumentException("only one-dimensional arrays are supported: " + element + "[]");
    }
    return new PgType(Kind.ARRAY, -1, -1, element);
  }

  /** The family of this type. */
  public Kind kind() {
    return kind;
  }

  /** Whether this is an array type. */
  public boolean isArray() {
    return kind == Kind.ARRAY;
  }

  /** The element type of an array, or null. */
  public PgType elementType() {
    return element;
  }

  /** The precision of {@code numeric(p,s)} or the length of {@code varchar(n)}; -1 when unconstrained. */
  public int precisionOrLength() {
    return precisionOrLength;
  }

  /** The scale of {@code numeric(p,s)}; -1 when unconstrained or not numeric. */
  public int scale() {
    return scale;
  }

  /** The type as PostgreSQL's {@code format_type} prints it, e.g. {@code character varying(20)}. */
  public String sqlName() {
    switch (kind) {
      case BOOLEAN: return "boolean";
      case SMALLINT: return "smallint";
      case INTEGER: return "integer";
      case BIGINT: return "bigint";
      case REAL: return "real";
      case DOUBLE: return "double precision";
      case NUMERIC: return precisionOrLength < 0 ? "numeric" : "numeric(" + precisionOrLength + "," + scale + ")";
      case TEXT: return "text";
      case VARCHAR: return "character varying(" + precisionOrLength + ")";
      case BYTEA: return "bytea";
      case DATE: return "date";
      case TIME: return "time without time zone";
      case TIMESTAMP: return "timestamp without time zone";
      case TIMESTAMPTZ: return "timestamp with time zone";
      case UUID: return "uuid";
      case JSON: return "json";
      case JSONB: return "jsonb";
      case ARRAY: return element.sqlName() + "[]";
      default: throw new AssertionError(kind);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PgType t && t.kind == kind && t.precisionOrLength == precisionOrLength && t.scale == scale
        && Objects.equals(t.element, element);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, precisionOrLength, scale, element);
  }

  @Override
  public String toString() {
    return sqlName();
  }
}
