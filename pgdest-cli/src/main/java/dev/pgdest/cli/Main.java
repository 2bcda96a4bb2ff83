package dev.pgdest.cli;

import dev.pgdest.cli.internal.command.Io;
import dev.pgdest.cli.internal.command.PgdestCommand;

/**
 * The {@code pgdest} command: {@code check}, {@code keygen} and {@code load}. Run {@code pgdest
 * --help} or {@code pgdest help load}. Logs at WARN on standard error unless {@code
 * -Dorg.slf4j.simpleLogger.defaultLogLevel} says otherwise (sshj's own log is then off).
 *
 * <pre>
 * java -jar pgdest-cli-VERSION-all.jar check --host db.example.com --database analytics \
 *     --schema acme_sync --user pgdest_writer --password-file pw.txt
 * </pre>
 */
public final class Main {
  private Main() {}

  /** Runs the command and exits with its code: 0 done, 1 done with warnings, 2 failed. */
  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      // sshj logs a refused host key at ERROR; the check's report already explains it.
      System.setProperty("org.slf4j.simpleLogger.log.net.schmizz", "off");
    }
    System.exit(PgdestCommand.execute(args, Io.system()));
  }
}
