package dev.pgdest.testkit;

import static dev.pgdest.testkit.PgdestAssertions.assertThatSchema;
import static dev.pgdest.testkit.PgdestAssertions.assertThatTable;
import static dev.pgdest.testkit.PgdestAssertions.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgdest.CheckReport;
import dev.pgdest.DataException;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.NulPolicy;
import dev.pgdest.PgType;
import dev.pgdest.PgdestException;
import dev.pgdest.ProgressListener;
import dev.pgdest.SshTunnel;
import dev.pgdest.TableSpec;
import dev.pgdest.TableWriter;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.ssh.SshKeyPair;
import dev.pgdest.ssh.SshKeys;
import dev.pgdest.testkit.internal.conformance.ConformanceData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Certifies a PostgreSQL server (any version, any backend: embedded, a container, a managed
 * service) as a pgdest destination, end to end: every write mode, every type, bad input,
 * identifier edge cases, the NUL policy, schema evolution, an SSH tunnel and network faults
 * injected through a {@link FaultProxy}. Extend it; the subclass chooses the server.
 *
 * <p>Each test uses its own tables in one {@link TestDestination} per class (per major under
 * {@link PgdestVersions}), writing as the setup page's restricted writer. Override
 * {@link #writerConfig()} to add settings a server needs (for example TLS for a managed service).
 *
 * <pre>{@code
 * @PgdestVersions                         // every major, 12..18, on embedded servers
 * class EmbeddedConformanceIT extends DestinationConformanceSuite {}
 *
 * @PgdestTest(backend = Backend.EXTERNAL)  // the server named by PGDEST_TEST_URL
 * class ManagedServiceConformanceIT extends DestinationConformanceSuite {}
 * }</pre>
 */
@PgdestTest
public abstract class DestinationConformanceSuite {

  /** The destination under test; set by the extension before each class (or each major). */
  protected static TestDestination dest;

  /** The seed writer's configuration; override to add what the server needs. */
  protected DestinationConfig.Builder writerConfig() {
    return dest.writerConfigBuilder();
  }

  @Test
  public void theCheckPassesForTheSeedWriter() {
    try (Destination d = Destination.open(writerConfig().build())) {
      CheckReport report = d.check();
      assertThat(report.isReady()).as(report.render()).isTrue();
    }
  }

  @Test
  public void appendWritesEveryRowAcrossBatches() {
    TableSpec spec = keyValue("c_append");
    WriteResult r = write(writerConfig().batchRows(7).build(), spec, WriteMode.APPEND, rows(1, 50, "v"));
    assertThat(r.rowsInserted()).isEqualTo(50);
    assertThat(r.batches()).isGreaterThanOrEqualTo(8);
    assertThatTable(dest, "c_append").hasRowCount(50).hasPrimaryKey("id").hasColumnType("id", "bigint");
  }

  @Test
  public void upsertUpdatesByKeyAndTheLastDuplicateInABatchWins() {
    TableSpec spec = keyValue("c_upsert");
    write(writerConfig().build(), spec, WriteMode.UPSERT, rows(1, 3, "old"));
    Object[][] batch = Fixtures.inBatchDuplicateKeys().stream()
        .map(m -> new Object[] {m.get("id"), m.get("name")}).toArray(Object[][]::new);
    write(writerConfig().build(), spec, WriteMode.UPSERT, batch);
    Object[][] expected = Fixtures.inBatchDuplicateKeysExpected().entrySet().stream()
        .map(e -> row(e.getKey(), e.getValue())).toArray(Object[][]::new);
    assertThatTable(dest, "c_upsert").containsExactlyInAnyOrderRows(expected);
  }

  @Test
  public void replaceLeavesExactlyTheNewLoad() {
    TableSpec spec = keyValue("c_replace");
    write(writerConfig().build(), spec, WriteMode.APPEND, rows(1, 10, "old"));
    WriteResult r = write(writerConfig().batchRows(2).build(), spec, WriteMode.REPLACE, rows(5, 7, "new"));
    assertThat(r.rowsInserted()).isEqualTo(3);
    assertThatTable(dest, "c_replace").containsExactlyInAnyOrderRows(rows(5, 7, "new"));
  }

  @Test
  public void deleteRemovesTheGivenKeysOnly() {
    TableSpec spec = keyValue("c_delete");
    write(writerConfig().build(), spec, WriteMode.APPEND, rows(1, 5, "v"));
    WriteResult r = write(writerConfig().build(), spec, WriteMode.DELETE, row(2L), row(4L), row(99L));
    assertThat(r.rowsDeleted()).isEqualTo(2);
    assertThatTable(dest, "c_delete").containsExactlyInAnyOrderRows(row(1, "v1"), row(3, "v3"), row(5, "v5"));
  }

  @Test
  public void everyTypeRoundTrips() {
    TableSpec spec = ConformanceData.allTypes();
    write(writerConfig().build(), spec, WriteMode.UPSERT, ConformanceData.allTypesRows().toArray(new Object[0][]));
    assertThatTable(dest, "all_types").hasColumnType("n", "numeric(12,3)").hasColumnType("vc", "character varying(10)")
        .hasColumnType("tz", "timestamp with time zone").hasColumnType("a_i", "integer[]")
        .containsExactlyInAnyOrderRows(ConformanceData.allTypesExpected());
  }

  @Test
  public void hugeJsonRoundTrips() {
    String json = Fixtures.hugeJson(3 << 20);
    TableSpec spec = TableSpec.builder("c_json").column("id", PgType.BIGINT).column("doc", PgType.JSONB)
        .primaryKey("id").build();
    write(writerConfig().batchBytes(1 << 20).build(), spec, WriteMode.APPEND, row(1L, json));
    assertThat(dest.queryValue("SELECT md5(doc::text) = md5(?::jsonb::text) FROM " + dest.qualified("c_json"), json))
        .as("the document read back").isEqualTo(true);
  }

  @Test
  public void badValuesAreRejectedAndTheTargetIsUnchanged() {
    int n = 0;
    for (Fixtures.Overflow o : Fixtures.numericOverflows()) {
      assertRejected("c_bad_num_" + n++, ConformanceData.type(o.columnType()), o.value());
    }
    for (Object ts : Fixtures.outOfRangeTimestamps()) {
      assertRejected("c_bad_ts_" + n++, ConformanceData.temporalType(ts), ts);
    }
  }

  @Test
  public void awkwardIdentifiersAreQuotedEverywhere() {
    for (String name : Fixtures.awkwardIdentifiers()) {
      TableSpec spec = TableSpec.builder(name).column("id", PgType.BIGINT).column(name, PgType.TEXT)
          .primaryKey("id").build();
      write(writerConfig().build(), spec, WriteMode.UPSERT, row(1L, name));
      assertThatTable(dest, spec.sqlName()).hasColumns("id", name).containsExactlyInAnyOrderRows(row(1L, name));
    }
  }

  @Test
  public void longIdentifiersAreShortenedWithoutCollisions() {
    for (List<String> pair : Fixtures.collidingLongIdentifiers()) {
      TableSpec spec = TableSpec.builder(pair.get(0)).column(pair.get(0), PgType.TEXT).column(pair.get(1), PgType.TEXT)
          .build();
      String a = spec.columns().get(0).sqlName();
      String b = spec.columns().get(1).sqlName();
      assertThat(a).isNotEqualTo(b);
      assertThat(List.of(a, b, spec.sqlName())).allSatisfy(
          s -> assertThat(s.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Fixtures.MAX_IDENTIFIER_BYTES));
      write(writerConfig().build(), spec, WriteMode.APPEND, row("a", "b"));
      assertThatTable(dest, spec.sqlName()).hasColumns(a, b).containsExactlyInAnyOrderRows(row("a", "b"));
    }
  }

  @Test
  public void unusableIdentifiersAreRefusedUpFront() {
    for (String name : Fixtures.invalidIdentifiers()) {
      assertThatThrownBy(() -> TableSpec.builder(name)).as("table name %s", name.replace("\0", "\\0"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> TableSpec.builder("t").column(name, PgType.TEXT))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  public void nulCharactersFollowThePolicy() {
    TableSpec spec = keyValue("c_nul");
    List<String> nuls = Fixtures.nulStrings();
    Object[][] rows = new Object[nuls.size()][];
    for (int i = 0; i < nuls.size(); i++) {
      rows[i] = row((long) i, nuls.get(i));
    }
    WriteResult stripped = write(writerConfig().build(), spec, WriteMode.UPSERT, rows);
    assertThat(stripped.valuesSanitized()).isEqualTo(nuls.size());
    assertThat(dest.queryValue("SELECT v FROM " + dest.qualified("c_nul") + " WHERE id = 1")).isEqualTo("inside");
    write(writerConfig().nulPolicy(NulPolicy.REPLACE).build(), spec, WriteMode.UPSERT, rows);
    assertThat(dest.queryValue("SELECT v FROM " + dest.qualified("c_nul") + " WHERE id = 1")).isEqualTo("in\uFFFDside");
    assertThatThrownBy(() -> write(writerConfig().nulPolicy(NulPolicy.FAIL).build(), spec, WriteMode.UPSERT, rows))
        .isInstanceOf(DataException.class).hasMessageContaining("column \"v\"");
    assertThatTable(dest, "c_nul").hasRowCount(nuls.size());
  }

  @Test
  public void schemaDriftAddsAndWidensColumnsAndRefusesIncompatibleChanges() {
    List<Map<String, String>> steps = Fixtures.schemaDrift();
    for (int i = 0; i < 3; i++) {
      TableSpec spec = ConformanceData.table("c_drift", steps.get(i), false);
      Object[] values = new Object[spec.columns().size()];
      values[0] = i;
      write(writerConfig().build(), spec, WriteMode.APPEND, values);
      steps.get(i).forEach((column, type) -> assertThatTable(dest, "c_drift").hasColumnType(column, type));
    }
    assertThatTable(dest, "c_drift").hasRowCount(3);
    TableSpec incompatible = ConformanceData.table("c_drift", steps.get(3), false);
    assertThatThrownBy(() -> write(writerConfig().build(), incompatible, WriteMode.APPEND, new Object[4]))
        .isInstanceOf(PgdestException.class).hasMessageContaining("c_drift").hasMessageContaining("\"name\"")
        .hasMessageContaining("text").hasMessageContaining("integer");
    assertThatTable(dest, "c_drift").hasColumnType("name", "text").hasRowCount(3);
  }

  @Test
  public void thePrecreatedSchemaWriterWritesWithoutCreateOnTheDatabase() {
    try (TestDestination other = TestDestination.create(dest.server(), "precreated")) {
      try (Destination d = Destination.open(other.precreatedSchemaWriterConfig());
          TableWriter w = d.writer(keyValue("c_pre"), WriteMode.UPSERT)) {
        w.write(1L, "v");
        w.commit();
      }
      assertThatTable(other, "c_pre").containsExactlyInAnyOrderRows(row(1L, "v"));
      assertThatSchema(other).isOwnedBy(other.server().superuser());
    }
  }

  @Test
  public void writesThroughAnSshBastion() {
    PostgresServer server = dest.server();
    SshKeyPair key = SshKeys.generateEd25519();
    try (SshBastion bastion = SshBastion.builder().permitOpen(server.host(), server.port())
        .authorize(key.restrictedAuthorizedKeysLine("conformance", server.host(), server.port())).start()) {
      DestinationConfig config = writerConfig().tunnel(SshTunnel.builder()
          .host(bastion.host()).port(bastion.port()).username(bastion.user())
          .privateKeyPem(key.privateKey()).hostKeyFingerprint(bastion.hostKeyFingerprint()).build()).build();
      write(config, keyValue("c_ssh"), WriteMode.UPSERT, rows(1, 100, "t"));
      assertThat(bastion.forwardRequests()).as("forwarded through the bastion").isNotEmpty();
    }
    assertThatTable(dest, "c_ssh").hasRowCount(100);
  }

  @Test
  public void aConnectionCutMidBatchIsReplayedAndEveryRowLandsOnce() {
    try (FaultProxy proxy = FaultProxy.start(dest.server())) {
      DestinationConfig config = viaProxy(proxy).batchRows(5_000).retryBackoff(Duration.ofMillis(10)).build();
      proxy.cutAfterBytes(150_000);
      WriteResult r = write(config, keyValue("c_cut"), WriteMode.UPSERT, rows(1, 20_000, "row"));
      assertThat(proxy.connectionsCut()).as("the proxy cut a connection").isEqualTo(1);
      assertThat(r.retries()).isGreaterThanOrEqualTo(1);
    }
    assertThatTable(dest, "c_cut").hasRowCount(20_000);
    assertThat(dest.queryValue("SELECT count(DISTINCT v) FROM " + dest.qualified("c_cut"))).isEqualTo(20_000L);
  }

  @Test
  public void connectionsDroppedBetweenBatchesAndASilentNetworkAreSurvived() {
    try (FaultProxy proxy = FaultProxy.start(dest.server())) {
      DestinationConfig config = viaProxy(proxy).batchRows(1_000).retryBackoff(Duration.ofMillis(10))
          .socketTimeout(Duration.ofSeconds(2)).build();
      AtomicBoolean faulted = new AtomicBoolean();
      ProgressListener faults = new ProgressListener() {
        @Override
        public void batchCommitted(WriteResult soFar) {
          if (soFar.batches() == 1) {
            proxy.cutAll();
          } else if (soFar.batches() == 2) {
            proxy.blackHole(true);
          }
        }

        @Override
        public void batchRetrying(int attempt, PgdestException cause) {
          faulted.set(true);
          proxy.blackHole(false);
          proxy.cutAll();
        }
      };
      try (Destination d = Destination.open(config); TableWriter w = d.writer(keyValue("c_drop"), WriteMode.UPSERT,
          faults)) {
        for (Object[] r : rows(1, 4_000, "row")) {
          w.write(r);
        }
        assertThat(w.commit().rowsStaged()).isEqualTo(4_000);
      }
      assertThat(faulted).as("a batch was replayed").isTrue();
    }
    assertThatTable(dest, "c_drop").hasRowCount(4_000);
  }

  private void assertRejected(String table, PgType type, Object value) {
    TableSpec spec = TableSpec.builder(table).column("id", PgType.BIGINT).column("v", type).build();
    write(writerConfig().build(), spec, WriteMode.APPEND, row(1L, null));
    assertThatThrownBy(() -> write(writerConfig().build(), spec, WriteMode.APPEND, row(2L, null), row(3L, value)))
        .as("%s <- %s", type, value).isInstanceOf(DataException.class)
        .hasMessageContaining(table).hasMessageContaining("\"v\"");
    assertThatTable(dest, table).hasRowCount(1);
  }

  private static DestinationConfig.Builder viaProxy(FaultProxy proxy) {
    return TestDestinations.writerConfig(proxy.asServer(dest.server()), dest.database(), dest.schema(),
        dest.seedWriter());
  }

  private static WriteResult write(DestinationConfig config, TableSpec spec, WriteMode mode, Object[]... rows) {
    try (Destination d = Destination.open(config); TableWriter w = d.writer(spec, mode)) {
      for (Object[] r : rows) {
        w.write(r);
      }
      return w.commit();
    }
  }

  private static TableSpec keyValue(String table) {
    return TableSpec.builder(table).column("id", PgType.BIGINT).column("v", PgType.TEXT).primaryKey("id").build();
  }

  private static Object[][] rows(long from, long to, String prefix) {
    Object[][] rows = new Object[(int) (to - from + 1)][];
    for (long id = from; id <= to; id++) {
      rows[(int) (id - from)] = row(id, prefix + id);
    }
    return rows;
  }
}
