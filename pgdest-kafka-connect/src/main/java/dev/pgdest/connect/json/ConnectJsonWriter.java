package dev.pgdest.connect.json;

import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Connect's own {@code JsonConverter}, for the writing side. A class of its own so that the
 * worker's connect-json is loaded only when something is written: a sink never does.
 */
final class ConnectJsonWriter {
  private ConnectJsonWriter() {}

  static HeaderConverter create(Map<String, ?> configs) {
    JsonConverter writer = new JsonConverter();
    writer.configure(configs);
    return writer;
  }
}
