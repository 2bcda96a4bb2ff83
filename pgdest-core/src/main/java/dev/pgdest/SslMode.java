package dev.pgdest;

/**
 * How the connection to PostgreSQL uses TLS. The names and meanings are libpq's and pgjdbc's.
 *
 * <p>The default of {@link DestinationConfig} is {@link #VERIFY_FULL}: the server must present a
 * certificate that chains to a trusted CA and names the host we dialled. Anything weaker lets a
 * party on the path read or rewrite the rows, so weaker modes must be chosen explicitly (for example
 * {@link #DISABLE} on loopback, or inside an SSH tunnel when the database does not offer TLS).
 */
public enum SslMode {
  /** Plain TCP only. */
  DISABLE("disable"),
  /** Plain TCP first, TLS if the server insists. No certificate check. */
  ALLOW("allow"),
  /** TLS if the server offers it, else plain TCP. No certificate check. */
  PREFER("prefer"),
  /** TLS required, certificate not checked: protects against eavesdropping, not impersonation. */
  REQUIRE("require"),
  /** TLS required and the certificate must chain to a trusted CA. */
  VERIFY_CA("verify-ca"),
  /** TLS required, the certificate must chain to a trusted CA and match the host name. */
  VERIFY_FULL("verify-full");

  private final String pgValue;

  SslMode(String pgValue) {
    this.pgValue = pgValue;
  }

  /** The value of libpq's and pgjdbc's {@code sslmode} setting. */
  public String pgValue() {
    return pgValue;
  }

  /** Whether this mode checks the server certificate. */
  public boolean verifiesCertificate() {
    return this == VERIFY_CA || this == VERIFY_FULL;
  }
}
