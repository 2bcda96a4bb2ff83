package dev.pgdest.internal.schema;

import dev.pgdest.PgType;
import java.util.List;

/**
 * The table a writer lands in, as found (or made) in the database.
 *
 * @param schema the schema name
 * @param table the table's name in the database
 * @param oid the table's OID
 * @param columnTypes the column types in the database, in spec order (may be wider than the spec's)
 * @param uniqueKey whether a unique index covers exactly the primary-key columns
 * @param created whether this writer created the table
 */
public record TablePlan(String schema, String table, long oid, List<PgType> columnTypes, boolean uniqueKey,
    boolean created) {}
