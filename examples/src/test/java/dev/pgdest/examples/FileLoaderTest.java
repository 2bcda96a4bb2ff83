package dev.pgdest.examples;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.WriteMode;
import dev.pgdest.WriteResult;
import dev.pgdest.testkit.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Waits on sockets, threads or a server: a hang fails instead of stalling the build.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FileLoaderTest {

  @Test
  void loadsCsvAndJsonLinesWithUpsert(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "id,name,note\n1,Ada,\"likes \"\"quotes\"\", commas\"\n2,Bob,\"two\nlines\"\n1,Ada L.,again\n");
    Path jsonl = dir.resolve("events.jsonl");
    Files.writeString(jsonl, "{\"id\": 1, \"kind\": \"click\", \"value\": 1.5, \"ok\": true, \"meta\": {\"a\": [1, 2]}}\n"
        + "{\"id\": 2, \"kind\": \"view\\u00e9\", \"value\": 2, \"ok\": false, \"meta\": null}\n");
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      server.createDatabase("files");
      DestinationConfig config = DestinationConfig.builder().host(server.host()).port(server.port()).database("files")
          .schema("loaded").username(server.superuser()).password(server.superuserPassword()).sslMode(SslMode.DISABLE)
          .build();
      try (Destination dest = Destination.open(config)) {
        WriteResult people = FileLoader.load(dest, csv, "people", WriteMode.UPSERT, List.of("id"));
        assertThat(people.rowsStaged()).isEqualTo(3);
        WriteResult events = FileLoader.load(dest, jsonl, "events", WriteMode.APPEND, List.of());
        assertThat(events.rowsInserted()).isEqualTo(2);
      }
      try (Connection c = server.adminConnection("files"); Statement st = c.createStatement()) {
        ResultSet rs = st.executeQuery("SELECT id, name, note FROM loaded.people ORDER BY id");
        assertThat(rs.next()).isTrue();
        assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3))).containsExactly("1", "Ada L.", "again");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(3)).isEqualTo("two\nlines");
        rs = st.executeQuery("SELECT kind, value, ok, meta->'a'->>1, pg_typeof(id)::text FROM loaded.events ORDER BY id");
        assertThat(rs.next()).isTrue();
        assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
            .containsExactly("click", "1.5", "t", "2", "bigint");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("viewé");
      }
    }
  }
}
