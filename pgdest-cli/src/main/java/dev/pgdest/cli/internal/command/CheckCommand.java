package dev.pgdest.cli.internal.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pgdest.CheckReport;
import dev.pgdest.ConfigurationException;
import dev.pgdest.Destination;
import dev.pgdest.DestinationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgdest check}: the setup page's permissions checklist against a destination. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the destination's permissions checklist: reachable, login, database, version, CREATE, "
        + "TEMPORARY, schema privileges, a TEMP table and COPY round trip, poolers.",
    footer = {"", "Exit codes: 0 every item passed, 1 warnings only, 2 something failed (or bad options)."})
final class CheckCommand implements Callable<Integer> {
  private final Io io;
  private final Defaults defaults;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--json", description = "Print the report as JSON, for machines.")
  boolean json;

  CheckCommand(Io io, Defaults defaults) {
    this.io = io;
    this.defaults = defaults;
  }

  @Override
  public Integer call() {
    DestinationConfig config;
    try {
      config = connection.build(io, defaults);
    } catch (ConfigurationException e) {
      io.err().println("pgdest check: " + e.getMessage());
      return 2;
    }
    CheckReport report;
    try (Destination dest = Destination.open(config)) {
      report = dest.check();
    } catch (ConfigurationException e) {
      io.err().println("pgdest check: " + e.getMessage());
      return 2;
    }
    int code = exitCode(report);
    if (json) {
      io.out().println(json(report, code));
    } else {
      io.out().print(report.render());
      List<String> fixes = report.items().stream().flatMap(i -> i.fixSql().stream()).toList();
      if (!fixes.isEmpty()) {
        io.out().println();
        io.out().println("To fix, an administrator runs:");
        fixes.forEach(f -> io.out().println("  " + f));
      }
      io.out().println();
      io.out().println(verdict(report, code));
    }
    return code;
  }

  private static String verdict(CheckReport report, int code) {
    long warnings = report.items().stream().filter(i -> i.status() == CheckReport.Status.WARN).count();
    return switch (code) {
      case 0 -> "Ready: every item passed.";
      case 1 -> "Ready, with " + warnings + (warnings == 1 ? " warning" : " warnings") + " to read above.";
      default -> "Not ready: fix \"" + report.firstFailure().map(CheckReport.Item::title).orElse("?")
          + "\" first, then run the check again.";
    };
  }

  /** 2 when an item failed, 1 when one warned, else 0. */
  static int exitCode(CheckReport report) {
    if (!report.isReady()) {
      return 2;
    }
    return report.items().stream().anyMatch(i -> i.status() == CheckReport.Status.WARN) ? 1 : 0;
  }

  static String json(CheckReport report, int code) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeBooleanField("ready", report.isReady());
      g.writeStringField("status", code == 0 ? "pass" : code == 1 ? "warn" : "fail");
      g.writeArrayFieldStart("items");
      for (CheckReport.Item item : report.items()) {
        g.writeStartObject();
        g.writeStringField("id", item.id());
        g.writeStringField("title", item.title());
        g.writeStringField("status", item.status().name());
        g.writeStringField("explanation", item.explanation());
        if (item.fixSql().isPresent()) {
          g.writeStringField("fixSql", item.fixSql().get());
        } else {
          g.writeNullField("fixSql");
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
