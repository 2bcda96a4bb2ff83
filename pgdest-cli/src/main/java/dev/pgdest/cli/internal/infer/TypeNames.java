package dev.pgdest.cli.internal.infer;

import dev.pgdest.PgType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a PostgreSQL type name as given to {@code --type col=TYPE}. */
public final class TypeNames {
  private static final Pattern NUMERIC = Pattern.compile("(?:numeric|decimal)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
  private static final Pattern VARCHAR = Pattern.compile("(?:varchar|character varying)\\s*\\(\\s*(\\d+)\\s*\\)");

  private TypeNames() {}

  /**
   * The type {@code name} means: boolean, smallint, integer, bigint, real, double precision,
   * numeric[(p[,s])], text, varchar(n), date, time, timestamp, timestamptz, uuid, json, jsonb,
   * bytea, and their usual aliases (int4, int8, float8, bool...).
   *
   * @throws IllegalArgumentException naming the type and the choices
   */
  public static PgType parse(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    Matcher m = NUMERIC.matcher(n);
    if (m.matches()) {
      int p = Integer.parseInt(m.group(1));
      return PgType.numeric(p, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }
    m = VARCHAR.matcher(n);
    if (m.matches()) {
      return PgType.varchar(Integer.parseInt(m.group(1)));
    }
    switch (n) {
      case "boolean": case "bool": return PgType.BOOLEAN;
      case "smallint": case "int2": return PgType.SMALLINT;
      case "integer": case "int": case "int4": return PgType.INTEGER;
      case "bigint": case "int8": return PgType.BIGINT;
      case "real": case "float4": return PgType.REAL;
      case "double precision": case "double": case "float8": case "float": return PgType.DOUBLE;
      case "numeric": case "decimal": return PgType.NUMERIC;
      case "text": case "varchar": case "string": return PgType.TEXT;
      case "date": return PgType.DATE;
      case "time": return PgType.TIME;
      case "timestamp": case "timestamp without time zone": return PgType.TIMESTAMP;
      case "timestamptz": case "timestamp with time zone": return PgType.TIMESTAMPTZ;
      case "uuid": return PgType.UUID;
      case "json": return PgType.JSON;
      case "jsonb": return PgType.JSONB;
      case "bytea": return PgType.BYTEA;
      default:
        throw new IllegalArgumentException("unknown column type \"" + name + "\": use boolean, smallint, integer, "
            + "bigint, real, double precision, numeric[(p,s)], text, varchar(n), date, time, timestamp, timestamptz, "
            + "uuid, json, jsonb or bytea");
    }
  }
}
