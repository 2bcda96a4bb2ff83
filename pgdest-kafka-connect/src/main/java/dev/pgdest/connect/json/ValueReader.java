package dev.pgdest.connect.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.kafka.connect.data.Schema;

/**
 * Reads one JSON value, starting at the parser's current token, into Connect data as one schema
 * says. Built once per schema by {@link ValueReaders#of}; holds no per-record state, so one reader
 * serves every thread.
 */
abstract class ValueReader {
  private final Object whenNull;
  private final String nullRefused;

  /** The reader of a schemaless value: null stays null. */
  ValueReader() {
    this.whenNull = null;
    this.nullRefused = null;
  }

  /**
   * A null or absent value becomes the schema's default (unless {@code replaceNullWithDefault} is
   * off), null where the schema is optional, and is refused otherwise.
   */
  ValueReader(Schema schema, boolean replaceNullWithDefault) {
    Object dflt = replaceNullWithDefault ? schema.defaultValue() : null;
    this.whenNull = dflt;
    this.nullRefused =
        dflt != null || schema.isOptional()
            ? null
            : "null or absent value for a required " + schema.type() + " field";
  }

  final Object read(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_NULL ? absent() : present(p);
  }

  /** The value of a null, or of a struct field the object does not have. */
  final Object absent() {
    if (nullRefused != null) {
      throw new Refusal(nullRefused);
    }
    return whenNull;
  }

  /** Reads a value whose current token is not {@code null}. */
  abstract Object present(JsonParser p) throws IOException;
}
