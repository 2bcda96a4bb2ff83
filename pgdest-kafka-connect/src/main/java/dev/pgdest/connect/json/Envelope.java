package dev.pgdest.connect.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Reads JsonConverter's envelope, {@code {"schema": ..., "payload": ...}}, and nothing else at its
 * top level. Two ways: when the record starts {@code {"schema":} followed by the bytes of the
 * schema last seen, and then {@code ,"payload":{}, the parser starts at the payload and the
 * schema is never tokenized; any other record is streamed whole, its schema object located by
 * offsets and looked up by its bytes.
 */
final class Envelope {
  private static final byte[] SCHEMA = "\"schema\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PAYLOAD =
      "\"payload\"".getBytes(StandardCharsets.UTF_8);

  private Envelope() {}

  static SchemaAndValue read(PgdestJsonConverter c, byte[] doc) throws IOException {
    SchemaAndValue known = afterKnownSchema(c, doc);
    return known != null ? known : streamed(c, doc);
  }

  /** The record read past the last schema seen, or null if it does not start that way. */
  private static SchemaAndValue afterKnownSchema(PgdestJsonConverter c, byte[] doc)
      throws IOException {
    SchemaCache.Entry last = c.cache().last();
    if (last == null) {
      return null;
    }
    int i = skip(doc, 0);
    if (i >= doc.length || doc[i] != '{') {
      return null;
    }
    i = member(doc, skip(doc, i + 1), SCHEMA);
    int schemaEnd = i + last.text.length;
    if (i < 0 || schemaEnd > doc.length || !last.matches(doc, i, schemaEnd)) {
      return null;
    }
    i = skip(doc, schemaEnd);
    if (i >= doc.length || doc[i] != ',') {
      return null;
    }
    int payload = member(doc, skip(doc, i + 1), PAYLOAD);
    if (payload < 0 || payload >= doc.length || doc[payload] != '{') {
      return null;
    }
    Object value;
    int end;
    try (JsonParser p = c.factory().createParser(doc, payload, doc.length - payload)) {
      p.nextToken();
      value = last.reader.read(p);
      end = payload + (int) p.currentLocation().getByteOffset();
    }
    i = skip(doc, end);
    if (i >= doc.length || doc[i] != '}') {
      return null;
    }
    return new SchemaAndValue(last.schema, value);
  }

  /** Where the value of member {@code name} starts, if one starts at {@code i}; else -1. */
  private static int member(byte[] doc, int i, byte[] name) {
    int end = i + name.length;
    if (i < 0 || end > doc.length || !Arrays.equals(doc, i, end, name, 0, name.length)) {
      return -1;
    }
    i = skip(doc, end);
    return i < doc.length && doc[i] == ':' ? skip(doc, i + 1) : -1;
  }

  private static int skip(byte[] doc, int i) {
    while (i < doc.length && (doc[i] == ' ' || doc[i] == '\n' || doc[i] == '\r' || doc[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static SchemaAndValue streamed(PgdestJsonConverter c, byte[] doc) throws IOException {
    try (JsonParser p = c.factory().createParser(doc)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notAnEnvelope();
      }
      boolean hasSchema = false;
      SchemaCache.Entry entry = null;
      int payloadStart = -1;
      Object payload = null;
      boolean payloadRead = false;
      SchemaCache.Entry readWith = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if ("schema".equals(name)) {
          hasSchema = true;
          entry = schema(c, p, doc);
        } else if ("payload".equals(name)) {
          payloadStart = (int) p.currentTokenLocation().getByteOffset();
          if (hasSchema) {
            payload = reader(entry).read(p);
            payloadRead = true;
            readWith = entry;
          } else {
            p.skipChildren();
            payloadRead = false;
          }
        } else {
          throw notAnEnvelope();
        }
      }
      if (!hasSchema || payloadStart < 0) {
        throw notAnEnvelope();
      }
      if (!payloadRead || readWith != entry) {
        payload = again(c, doc, payloadStart, entry);
      }
      return new SchemaAndValue(entry == null ? null : entry.schema, payload);
    }
  }

  private static ValueReader reader(SchemaCache.Entry entry) {
    return entry == null ? ValueReaders.SCHEMALESS : entry.reader;
  }

  /** The payload, read again when the schema came after it. */
  private static Object again(
      PgdestJsonConverter c, byte[] doc, int start, SchemaCache.Entry entry) throws IOException {
    byte[] text = new byte[doc.length - start + 1];
    text[0] = '[';
    System.arraycopy(doc, start, text, 1, doc.length - start);
    try (JsonParser p = c.factory().createParser(text)) {
      p.nextToken();
      p.nextToken();
      return reader(entry).read(p);
    }
  }

  /** The envelope's schema (null for a JSON null), from the cache or parsed and cached. */
  private static SchemaCache.Entry schema(PgdestJsonConverter c, JsonParser p, byte[] doc)
      throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new Refusal("the schema has no 'type' string");
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    p.skipChildren();
    int end = (int) p.currentLocation().getByteOffset();
    SchemaCache.Entry hit = c.cache().get(doc, start, end);
    if (hit != null) {
      return hit;
    }
    Schema schema;
    try {
      schema = SchemaParser.parse(c.factory(), doc, start, end, c.replaceNullWithDefault());
    } catch (Refusal r) {
      throw r.in("schema");
    }
    return c.cache().put(doc, start, end, schema, ValueReaders.of(schema, c.replaceNullWithDefault()));
  }

  private static Refusal notAnEnvelope() {
    return new Refusal(
        "with schemas.enable=true a record must be an object of exactly 'schema' and 'payload';"
            + " for plain JSON set schemas.enable=false");
  }
}
