package dev.pgdest;

/**
 * A setting is missing, malformed or out of range. The message names the field, the offending
 * value (masked for secrets) and the rule it broke, e.g. {@code port must be in 1..65535: 70000}.
 * Thrown by builders and by {@link Destination#open(DestinationConfig)}; never retryable.
 */
public class ConfigurationException extends PgdestException {
  private static final long serialVersionUID = 1L;

  /** A configuration error with its explanation. */
  public ConfigurationException(String message) {
    super(message);
  }

  /** A configuration error caused by another failure (for example an unreadable key file). */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause, null, false);
  }
}
