package dev.pgdest.internal.copy;

import dev.pgdest.NulPolicy;

/** Per-writer state the value encoders share: the NUL policy, counters and scratch space. */
public final class EncodeContext {
  final NulPolicy nulPolicy;
  final int serverMajor;
  /** Values changed by the NUL policy since the last {@link #takeSanitized()}. */
  long sanitized;
  final Bytes arrayScratch = Bytes.scratch(1024);
  final int[] digits = new int[8];

  /**
   * @param serverMajor the server's major version (numeric infinity needs 14+)
   */
  public EncodeContext(NulPolicy nulPolicy, int serverMajor) {
    this.nulPolicy = nulPolicy;
    this.serverMajor = serverMajor;
  }

  /** The server's major version. */
  public int serverMajor() {
    return serverMajor;
  }

  /** Scratch digits for numeric encoding. */
  public int[] digits() {
    return digits;
  }

  /** Values sanitized since the last call, resetting the count. */
  public long takeSanitized() {
    long s = sanitized;
    sanitized = 0;
    return s;
  }

  /** Values sanitized since the last {@link #takeSanitized()}. */
  public long sanitized() {
    return sanitized;
  }
}
