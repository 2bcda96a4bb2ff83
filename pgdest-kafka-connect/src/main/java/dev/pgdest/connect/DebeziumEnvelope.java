package dev.pgdest.connect;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A Debezium change event read natively, with or without a schema: the operation, the row before
 * and after, and the source block whose {@code lsn} or {@code ts_ms} can serve as the version
 * column. No SMT ({@code ExtractNewRecordState}) is needed in front of the sink.
 *
 * @param op {@code c} create, {@code r} snapshot read, {@code u} update, {@code d} delete,
 *     {@code t} truncate, {@code m} message
 * @param before the row before the change (a {@link Struct} or a {@link Map}), or null
 * @param beforeSchema its schema, or null when schemaless
 * @param after the row after the change, or null
 * @param afterSchema its schema, or null when schemaless
 * @param source the source block, or null
 * @param tsMs the event's {@code ts_ms}, or null
 */
record DebeziumEnvelope(String op, Object before, Schema beforeSchema, Object after, Schema afterSchema,
                        Object source, Long tsMs) {

  /** The envelope in this value, or null when the value is not one. */
  static DebeziumEnvelope read(Schema schema, Object value) {
    if (value instanceof Struct s) {
      Schema sc = s.schema();
      if (sc.field("op") == null || sc.field("op").schema().type() != Schema.Type.STRING
          || (sc.field("after") == null && sc.field("before") == null)) {
        return null;
      }
      return new DebeziumEnvelope(s.getString("op"),
          get(s, "before"), fieldSchema(sc, "before"), get(s, "after"), fieldSchema(sc, "after"),
          get(s, "source"), number(get(s, "ts_ms")));
    }
    if (schema == null && value instanceof Map<?, ?> m) {
      if (!(m.get("op") instanceof String op) || !(m.containsKey("after") || m.containsKey("before"))) {
        return null;
      }
      return new DebeziumEnvelope(op, m.get("before"), null, m.get("after"), null, m.get("source"), number(m.get("ts_ms")));
    }
    return null;
  }

  /** Whether the event deletes its row. */
  boolean isDelete() {
    return "d".equals(op);
  }

  /** Whether the event carries a row to write: create, snapshot read, update. */
  boolean isWrite() {
    return "c".equals(op) || "r".equals(op) || "u".equals(op);
  }

  /** A field of the source block ({@code lsn}, {@code ts_ms}, ...), or null. */
  Object sourceField(String name) {
    if (source instanceof Struct s) {
      return s.schema().field(name) == null ? null : s.get(name);
    }
    if (source instanceof Map<?, ?> m) {
      return m.get(name);
    }
    return null;
  }

  private static Object get(Struct s, String field) {
    return s.schema().field(field) == null ? null : s.get(field);
  }

  private static Schema fieldSchema(Schema s, String field) {
    return s.field(field) == null ? null : s.field(field).schema();
  }

  private static Long number(Object v) {
    return v instanceof Number n ? n.longValue() : null;
  }
}
