package dev.pgdest.cli.internal.command;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code pgdest} command: its subcommands do the work. */
@Command(name = "pgdest", mixinStandardHelpOptions = true, version = "pgdest 0.1.0-SNAPSHOT",
    subcommands = {CheckCommand.class, LoadCommand.class, KeygenCommand.class, CommandLine.HelpCommand.class},
    description = "Check a PostgreSQL destination, generate SSH keys, load CSV, TSV and JSON Lines files.",
    footer = {"", "Exit codes: 0 done, 1 done with warnings, 2 failed."})
public final class PgdestCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs {@code pgdest} with {@code args} against {@code io} and returns the exit code.
   *
   * <pre>{@code
   * int code = PgdestCommand.execute(new String[] {"check", "--host", "db"}, Io.system());
   * }</pre>
   */
  public static int execute(String[] args, Io io) {
    Defaults defaults;
    try {
      defaults = Defaults.of(args, io.env());
    } catch (IllegalArgumentException e) {
      io.err().println("pgdest: " + e.getMessage());
      io.err().flush();
      return 2;
    }
    CommandLine cli = new CommandLine(new PgdestCommand(), new Factory(io, defaults));
    cli.setOut(io.out()).setErr(io.err()).setDefaultValueProvider(defaults).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("pgdest " + cmd.getCommandName() + ": " + e.getMessage());
      return 2;
    });
    int code = cli.execute(args);
    io.out().flush();
    io.err().flush();
    return code;
  }

  /** Makes the subcommands with the {@link Io} and {@link Defaults} they need. */
  private record Factory(Io io, Defaults defaults) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 2 && c.getParameterTypes()[0] == Io.class) {
          return cls.cast(c.newInstance(io, defaults));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
