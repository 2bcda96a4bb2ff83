package dev.pgdest.connect.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A JSON number as each Connect number type, with the narrowing Connect's {@code JsonConverter}
 * applies to the node Jackson would have built for it: an int, a long or a BigInteger for whole
 * numbers by their size, a BigDecimal for the rest (that converter reads fractions as BigDecimal).
 */
final class Numbers {
  private Numbers() {}

  static boolean isNumber(JsonToken t) {
    return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
  }

  static int intValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().intValue();
    }
    switch (p.getNumberType()) {
      case INT:
        return p.getIntValue();
      case LONG:
        return (int) p.getLongValue();
      default:
        return p.getBigIntegerValue().intValue();
    }
  }

  static long longValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().longValue();
    }
    switch (p.getNumberType()) {
      case INT:
      case LONG:
        return p.getLongValue();
      default:
        return p.getBigIntegerValue().longValue();
    }
  }

  static float floatValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().floatValue();
    }
    switch (p.getNumberType()) {
      case INT:
        return p.getIntValue();
      case LONG:
        return p.getLongValue();
      default:
        return p.getBigIntegerValue().floatValue();
    }
  }

  static double doubleValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().doubleValue();
    }
    switch (p.getNumberType()) {
      case INT:
      case LONG:
        return p.getLongValue();
      default:
        return p.getBigIntegerValue().doubleValue();
    }
  }
}
