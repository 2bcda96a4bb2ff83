package dev.pgdest.internal.sql;

/**
 * The statement text of REPLACE's swap by rename: what blocks it, and the statements that give the
 * load table everything the target has besides its rows (constraints and indexes under temporary
 * names, grants, owner, comments, replica identity, storage options). The catalog queries return
 * ready statements built by the server's own {@code format()}, so every name and literal is quoted
 * the server's way. Parameters are named in each constant's comment.
 */
public final class ReplaceSql {
  private ReplaceSql() {}

  /**
   * One row per reason the target cannot be dropped and renamed over without losing something:
   * empty when the swap is safe. Parameter: the target's OID. Publications by schema (15+) are
   * checked by {@link #SCHEMA_PUBLICATION}.
   */
  public static final String BLOCKERS = "WITH t AS (SELECT c.oid, c.relkind, c.relowner, c.relpersistence,"
      + " c.reltablespace, c.reloftype, c.relispartition, c.relrowsecurity, c.relreplident"
      + " FROM pg_catalog.pg_class c WHERE c.oid = ?::oid)"
      + " SELECT 'a view or rule reads it' FROM t WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
      + "   JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid"
      + "   WHERE d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = t.oid)"
      + " UNION ALL SELECT 'it has rules' FROM t WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite r"
      + "   WHERE r.ev_class = t.oid)"
      + " UNION ALL SELECT 'a foreign key refers to it or from it' FROM t WHERE EXISTS (SELECT 1"
      + "   FROM pg_catalog.pg_constraint k WHERE k.contype = 'f' AND (k.conrelid = t.oid OR k.confrelid = t.oid))"
      + " UNION ALL SELECT 'it is in a publication' FROM t WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_publication_rel p"
      + "   WHERE p.prrelid = t.oid) OR EXISTS (SELECT 1 FROM pg_catalog.pg_publication p WHERE p.puballtables)"
      + " UNION ALL SELECT 'it has row security policies' FROM t WHERE t.relrowsecurity OR EXISTS (SELECT 1"
      + "   FROM pg_catalog.pg_policy p WHERE p.polrelid = t.oid)"
      + " UNION ALL SELECT 'it has triggers' FROM t WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g"
      + "   WHERE g.tgrelid = t.oid AND NOT g.tgisinternal)"
      + " UNION ALL SELECT 'it is partitioned, a partition, inherited or typed' FROM t WHERE t.relkind <> 'r'"
      + "   OR t.relispartition OR t.reloftype <> 0 OR EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i"
      + "   WHERE i.inhrelid = t.oid OR i.inhparent = t.oid)"
      + " UNION ALL SELECT 'it owns a sequence or has an identity column' FROM t WHERE EXISTS (SELECT 1"
      + "   FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class s ON d.classid = 'pg_catalog.pg_class'::regclass"
      + "   AND d.objid = s.oid AND s.relkind = 'S' WHERE d.refobjid = t.oid AND d.deptype IN ('a', 'i'))"
      + " UNION ALL SELECT 'it is unlogged, temporary or in another tablespace' FROM t WHERE t.relpersistence <> 'p'"
      + "   OR t.reltablespace <> 0"
      + " UNION ALL SELECT 'its replica identity is an index' FROM t WHERE t.relreplident = 'i'"
      + " UNION ALL SELECT 'this user may not drop it' FROM t WHERE NOT pg_catalog.pg_has_role(t.relowner, 'MEMBER')";

  /** A publication of the target's whole schema (PostgreSQL 15+). Parameter: the target's OID. */
  public static final String SCHEMA_PUBLICATION = "SELECT 'its schema is in a publication' FROM pg_catalog.pg_class c"
      + " WHERE c.oid = ?::oid AND EXISTS (SELECT 1 FROM pg_catalog.pg_publication_namespace n"
      + " WHERE n.pnnspid = c.relnamespace)";

  /**
   * The target's primary-key, unique and exclusion constraints and its other indexes, as
   * statements for the load table under temporary names: rows of (statement, temporary name,
   * original name, whether it is a constraint). Parameters: the load table (quoted, qualified), a
   * prefix for temporary names, the target's OID.
   */
  public static final String INDEXES = "WITH p AS (SELECT ?::text AS load, ?::text AS prefix, ?::oid AS t),"
      + " k AS (SELECT k.conname AS name, pg_catalog.pg_get_constraintdef(k.oid) AS def, k.conindid"
      + "   FROM pg_catalog.pg_constraint k, p WHERE k.conrelid = p.t AND k.contype IN ('p', 'u', 'x')),"
      + " x AS (SELECT i.relname AS name, pg_catalog.pg_get_indexdef(x.indexrelid) AS def, x.indisunique"
      + "   FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid, p"
      + "   WHERE x.indrelid = p.t AND x.indexrelid NOT IN (SELECT conindid FROM k)),"
      + " a AS (SELECT name, def, true AS con FROM k UNION ALL SELECT name, def, false FROM x),"
      + " n AS (SELECT a.*, p.prefix || row_number() OVER (ORDER BY a.con DESC, a.name) AS tmp FROM a, p)"
      + " SELECT CASE WHEN n.con THEN pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I %s', p.load, n.tmp, n.def)"
      + "   ELSE pg_catalog.format('CREATE %sINDEX %I ON %s USING %s',"
      + "     CASE WHEN n.def LIKE 'CREATE UNIQUE %' THEN 'UNIQUE ' ELSE '' END, n.tmp, p.load,"
      + "     substr(n.def, strpos(n.def, ' USING ') + 7)) END, n.tmp, n.name, n.con FROM n, p ORDER BY n.tmp";

  /**
   * Statements that carry the target's grants (table and column), owner, table and index
   * comments, replica identity and storage options over to the load table. Parameters: the load
   * table (quoted, qualified), the target's OID.
   */
  public static final String CARRY = "WITH p AS (SELECT ?::text AS load, ?::oid AS t),"
      + " c AS (SELECT c.* FROM pg_catalog.pg_class c, p WHERE c.oid = p.t),"
      + " s AS (SELECT 1 AS n, pg_catalog.format('GRANT %s ON TABLE %s TO %s%s', a.privilege_type, p.load,"
      + "   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,"
      + "   CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END) AS stmt"
      + "   FROM c, p, pg_catalog.aclexplode(c.relacl) a WHERE a.grantee <> c.relowner"
      + " UNION ALL SELECT 2, pg_catalog.format('GRANT %s (%I) ON TABLE %s TO %s%s', a.privilege_type, t.attname,"
      + "   p.load, CASE WHEN a.grantee = 0 THEN 'PUBLIC'"
      + "   ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,"
      + "   CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)"
      + "   FROM p, pg_catalog.pg_attribute t, pg_catalog.aclexplode(t.attacl) a"
      + "   WHERE t.attrelid = p.t AND t.attacl IS NOT NULL AND NOT t.attisdropped"
      + " UNION ALL SELECT 3, pg_catalog.format('COMMENT ON TABLE %s IS %L', p.load, d.description)"
      + "   FROM p JOIN pg_catalog.pg_description d ON d.objoid = p.t AND d.classoid = 'pg_catalog.pg_class'::regclass"
      + "   AND d.objsubid = 0"
      + " UNION ALL SELECT 4, pg_catalog.format('ALTER TABLE %s REPLICA IDENTITY %s', p.load,"
      + "   CASE c.relreplident WHEN 'f' THEN 'FULL' ELSE 'NOTHING' END) FROM c, p WHERE c.relreplident IN ('f', 'n')"
      + " UNION ALL SELECT 5, pg_catalog.format('ALTER TABLE %s SET (%s)', p.load,"
      + "   pg_catalog.array_to_string(c.reloptions, ', ')) FROM c, p WHERE c.reloptions IS NOT NULL"
      + " UNION ALL SELECT 6, pg_catalog.format('ALTER TABLE %s OWNER TO %I', p.load,"
      + "   pg_catalog.pg_get_userbyid(c.relowner)) FROM c, p"
      + "   WHERE c.relowner <> (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user))"
      + " SELECT stmt FROM s ORDER BY n";

  /**
   * Index comments, to carry once the indexes have their original names. Parameters: the schema
   * (quoted), the target's OID.
   */
  public static final String INDEX_COMMENTS = "SELECT pg_catalog.format('COMMENT ON INDEX %s.%I IS %L', ?::text,"
      + " i.relname, d.description) FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
      + " JOIN pg_catalog.pg_description d ON d.objoid = i.oid AND d.classoid = 'pg_catalog.pg_class'::regclass"
      + " WHERE x.indrelid = ?::oid";

  /** The load table: the target's columns, defaults, NOT NULL and CHECK constraints, storage, column comments. */
  public static String createShadow(String shadow, String target) {
    return "CREATE TABLE " + shadow + " (LIKE " + target + " INCLUDING ALL EXCLUDING INDEXES EXCLUDING IDENTITY)";
  }

  /** The number of rows of a table. */
  public static String countRows(String table) {
    return "SELECT count(*) FROM " + table;
  }

  /** Takes the target from every reader and writer until the swap commits. */
  public static String lockExclusive(String target) {
    return "LOCK TABLE " + target + " IN ACCESS EXCLUSIVE MODE";
  }

  public static String dropTable(String target) {
    return "DROP TABLE " + target;
  }

  /** Renames the load table to the target's name (unqualified, quoted). */
  public static String rename(String shadow, String name) {
    return "ALTER TABLE " + shadow + " RENAME TO " + name;
  }

  /** Gives a constraint (and its index) its original name. */
  public static String renameConstraint(String table, String from, String to) {
    return "ALTER TABLE " + table + " RENAME CONSTRAINT " + Sql.ident(from) + " TO " + Sql.ident(to);
  }

  /** Gives an index its original name. */
  public static String renameIndex(String schema, String from, String to) {
    return "ALTER INDEX " + Sql.qualified(schema, from) + " RENAME TO " + Sql.ident(to);
  }

  public static final String SAVEPOINT = "SAVEPOINT pgdest_swap";
  public static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT pgdest_swap";
  public static final String RELEASE_SAVEPOINT = "RELEASE SAVEPOINT pgdest_swap";
}
