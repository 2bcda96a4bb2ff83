package dev.pgdest.spi;

import java.io.IOException;

/**
 * Why a tunnel could not be opened, in terms a customer can act on. Thrown by {@link
 * TunnelProvider} implementations; pgdest turns it into a check item and a {@code TunnelException}.
 * Messages must never contain key material.
 */
public class TunnelFailure extends IOException {
  private static final long serialVersionUID = 1L;

  /** The failure kinds, in the order a connection meets them. */
  public enum Reason {
    /** The bastion did not answer on its SSH port (refused, timed out, unknown host). */
    BASTION_UNREACHABLE,
    /** The bastion's host key is not the one configured (unknown or changed). */
    HOST_KEY_REJECTED,
    /** The bastion refused our public key (not in authorized_keys, wrong user). */
    AUTH_REFUSED,
    /** The private key could not be read (wrong passphrase, unsupported format). */
    KEY_UNUSABLE,
    /** The bastion does not allow TCP forwarding to the database. */
    FORWARDING_REFUSED,
    /** The bastion allowed forwarding but could not connect to the database host and port. */
    TARGET_UNREACHABLE,
    /** Anything else. */
    OTHER
  }

  private final Reason reason;

  /** A failure with its reason, message (no secrets) and cause. */
  public TunnelFailure(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the tunnel failed. */
  public Reason reason() {
    return reason;
  }
}
