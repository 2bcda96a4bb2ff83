package dev.pgdest.testkit;

/**
 * A {@link Backend} cannot run on this machine: Docker is not available, Testcontainers is not on
 * the class path, no external server is configured, or the external server's version differs from
 * the one asked for. The JUnit extension turns it into a skipped test; the message says what to
 * do.
 *
 * <p>{@code catch (BackendUnavailableException e) { Assumptions.abort(e.getMessage()); }}
 */
public class BackendUnavailableException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** With a message that says what is missing and how to provide it. */
  public BackendUnavailableException(String message) {
    super(message);
  }

  /** With a message that says what is missing, and the failure that revealed it. */
  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
