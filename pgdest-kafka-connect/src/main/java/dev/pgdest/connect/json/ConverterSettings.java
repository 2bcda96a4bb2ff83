package dev.pgdest.connect.json;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/** The keys of Connect's {@code JsonConverter}, with its defaults. */
final class ConverterSettings extends AbstractConfig {
  static final String SCHEMAS_ENABLE = "schemas.enable";
  static final String SCHEMAS_CACHE_SIZE = "schemas.cache.size";
  static final String DECIMAL_FORMAT = "decimal.format";
  static final String REPLACE_NULL_WITH_DEFAULT = "replace.null.with.default";
  static final String TYPE = "converter.type";

  static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(SCHEMAS_ENABLE, Type.BOOLEAN, true, Importance.HIGH,
              "Whether records carry JsonConverter's {\"schema\": ..., \"payload\": ...} envelope.")
          .define(SCHEMAS_CACHE_SIZE, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.HIGH,
              "How many distinct schemas to keep converted.")
          .define(DECIMAL_FORMAT, Type.STRING, "BASE64",
              ValidString.in("BASE64", "NUMERIC"), Importance.LOW,
              "How Decimal values are written: BASE64 (their unscaled bytes) or NUMERIC (JSON"
                  + " numbers). Reading accepts both.")
          .define(REPLACE_NULL_WITH_DEFAULT, Type.BOOLEAN, true, Importance.LOW,
              "Whether a null or absent field takes its schema's default.")
          .define(TYPE, Type.STRING, "value", ValidString.in("key", "value", "header"),
              Importance.LOW, "Whether this converter reads keys, values or headers (set by the worker).");

  ConverterSettings(Map<String, ?> props) {
    super(DEFINITION, props);
  }

  boolean schemasEnabled() {
    return getBoolean(SCHEMAS_ENABLE);
  }

  int cacheSize() {
    return getInt(SCHEMAS_CACHE_SIZE);
  }

  boolean replaceNullWithDefault() {
    return getBoolean(REPLACE_NULL_WITH_DEFAULT);
  }

  String type() {
    return getString(TYPE);
  }
}
