package dev.pgdest.it.sync;

import dev.pgdest.DestinationConfig;
import dev.pgdest.testkit.TestDestination;
import dev.pgdest.testkit.WriterUser;
import java.util.function.Function;

/**
 * The setup page's two writers, which must both be able to run sync sessions: the seed's
 * (CREATE and TEMPORARY on the database; it creates the schema and the checkpoint table) and the
 * pre-created schema's (ALL on a schema an administrator made; it cannot create schemas).
 */
enum WriterKind {
  SEED(TestDestination::seedWriter, TestDestination::writerConfigBuilder),
  PRECREATED_SCHEMA(TestDestination::precreatedSchemaWriter, TestDestination::precreatedSchemaWriterConfigBuilder);

  private final Function<TestDestination, WriterUser> user;
  private final Function<TestDestination, DestinationConfig.Builder> config;

  WriterKind(Function<TestDestination, WriterUser> user, Function<TestDestination, DestinationConfig.Builder> config) {
    this.user = user;
    this.config = config;
  }

  /** The writer user, created on first use. */
  WriterUser user(TestDestination dest) {
    return user.apply(dest);
  }

  /** Its configuration, to add settings to. */
  DestinationConfig.Builder configBuilder(TestDestination dest) {
    return config.apply(dest);
  }

  DestinationConfig config(TestDestination dest) {
    return configBuilder(dest).build();
  }
}
