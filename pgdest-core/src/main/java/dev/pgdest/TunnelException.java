package dev.pgdest;

/**
 * The SSH tunnel through the bastion could not be opened or broke: bastion unreachable, host key
 * unknown or changed, public key refused, forwarding refused, or the database unreachable from the
 * bastion. The message says which and what to do; it never contains key material.
 */
public class TunnelException extends PgdestException {
  private static final long serialVersionUID = 1L;

  /** A tunnel error with its cause and whether a retry may help. */
  public TunnelException(String message, Throwable cause, boolean retryable) {
    super(message, cause, null, retryable);
  }
}
