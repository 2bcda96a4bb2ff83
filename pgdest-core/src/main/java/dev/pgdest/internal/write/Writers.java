package dev.pgdest.internal.write;

import dev.pgdest.ProgressListener;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.schema.SchemaCreator;
import dev.pgdest.internal.schema.TablePlan;
import dev.pgdest.internal.schema.TableSync;
import dev.pgdest.internal.unit.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** Opens writers: checks the mode against the spec, makes the schema and table ready (for sync sessions too). */
public final class Writers {
  private Writers() {}

  /**
   * See {@link dev.pgdest.Destination#writer(TableSpec, WriteMode, ProgressListener)}; {@code scope}
   * brackets the writer's work that reaches the server or logs.
   */
  public static TableWriter open(ConnectionSource destination, TableSpec spec, WriteMode mode,
      ProgressListener listener, WorkScope scope) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(listener, "listener");
    if ((mode == WriteMode.UPSERT || mode == WriteMode.DELETE) && spec.primaryKey().isEmpty()) {
      throw new IllegalArgumentException(mode + " needs a primary key, and table \"" + spec.name() + "\" has none");
    }
    PreparedTable prepared = prepare(destination, spec);
    return new DefaultTableWriter(destination, spec, mode, listener, prepared.plan(), prepared.serverMajor(),
        prepared.nanos(), scope);
  }

  /** A table made ready for writing: its plan, the server's major version, and the time it took. */
  public record PreparedTable(TablePlan plan, int serverMajor, long nanos) {}

  /** Creates the schema when missing, on a pooled connection. */
  public static void ensureSchema(ConnectionSource destination) {
    try (Connection c = destination.connection()) {
      if (!SchemaCreator.exists(c, destination.config().schema())) {
        SchemaCreator.ensureSchema(c, destination.config());
      }
    } catch (SQLException e) {
      throw Errors.translate("ensuring schema \"" + destination.config().schema() + "\"", e);
    }
  }

  /** Creates the schema when missing and creates or evolves the table, on a pooled connection. */
  public static PreparedTable prepare(ConnectionSource destination, TableSpec spec) {
    long started = System.nanoTime();
    String schema = destination.config().schema();
    try (Connection c = destination.connection()) {
      if (!SchemaCreator.exists(c, schema)) {
        SchemaCreator.ensureSchema(c, destination.config());
      }
      TablePlan plan = TableSync.sync(c, schema, spec);
      int major = c.getMetaData().getDatabaseMajorVersion();
      return new PreparedTable(plan, major, System.nanoTime() - started);
    } catch (SQLException e) {
      throw Errors.translate("preparing table \"" + spec.name() + "\"", e);
    }
  }
}
