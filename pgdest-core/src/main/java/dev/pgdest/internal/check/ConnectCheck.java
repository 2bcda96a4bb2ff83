package dev.pgdest.internal.check;

import static dev.pgdest.internal.check.Checklist.fail;
import static dev.pgdest.internal.check.Checklist.pass;
import static dev.pgdest.internal.check.Checklist.skipped;
import static dev.pgdest.internal.check.Checklist.warn;

import dev.pgdest.internal.sql.CheckSql;
import dev.pgdest.CheckReport.Item;
import dev.pgdest.DestinationConfig;
import dev.pgdest.SslMode;
import dev.pgdest.internal.errors.Errors;
import dev.pgdest.internal.errors.SqlStates;
import dev.pgdest.internal.sql.Sql;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sql.DataSource;

/**
 * The items a login meets: {@code reachable} (TCP, then TLS), {@code authenticates} and
 * {@code database}. Without a tunnel a plain TCP connect comes first, because its exception tells
 * "refused", "timed out" and "unknown host" apart more reliably than the driver's wrapping.
 */
final class ConnectCheck {
  static final String REACHABLE = "reachable";
  static final String AUTHENTICATES = "authenticates";
  static final String DATABASE = "database";

  private static final String STEP_1 = " (setup page, Step 1: the firewall or security group must allow"
      + " incoming connections from the service's static IP on this port)";

  private final DestinationConfig config;
  private final DataSource driver;
  private final boolean tunnelled;
  private boolean loopback;

  ConnectCheck(DestinationConfig config, DataSource driver, boolean tunnelled) {
    this.config = config;
    this.driver = driver;
    this.tunnelled = tunnelled;
  }

  /** Adds the three login items and returns the open connection, or null when login failed. */
  Connection login(Checklist list) {
    if (list.blocked()) {
      skipAll(list, 0);
      return null;
    }
    if (!tunnelled) {
      String refusal = probeTcp();
      if (refusal != null) {
        list.add(fail(REACHABLE, reachableTitle(), refusal));
        skipAll(list, 1);
        return null;
      }
    }
    Connection connection;
    try {
      connection = driver.getConnection();
    } catch (SQLException e) {
      addFailure(list, e);
      return null;
    }
    list.add(reachedItem(connection));
    list.add(pass(AUTHENTICATES, authTitle(), "logged in as \"" + config.username() + "\""));
    list.add(pass(DATABASE, databaseTitle(), "connected to database \"" + config.database() + "\""));
    return connection;
  }

  private void skipAll(Checklist list, int from) {
    String[][] items = {{REACHABLE, reachableTitle()}, {AUTHENTICATES, authTitle()}, {DATABASE, databaseTitle()}};
    for (int i = from; i < items.length; i++) {
      list.skip(items[i][0], items[i][1]);
    }
  }

  /** A plain TCP connect to the configured host and port; null when it worked, else why not. */
  private String probeTcp() {
    String where = config.host() + ":" + config.port();
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(config.host(), config.port()), timeoutMillis);
      loopback = socket.getInetAddress().isLoopbackAddress();
      return null;
    } catch (IOException e) {
      return tcpExplanation(e, where);
    }
  }

  private String tcpExplanation(Throwable e, String where) {
    if (Errors.find(e, UnknownHostException.class) != null) {
      return "unknown host: \"" + config.host() + "\" does not resolve to an address. Check the spelling;"
          + " a name that only resolves inside a private network needs an SSH tunnel.";
    }
    if (Errors.find(e, SocketTimeoutException.class) != null) {
      return "connection to " + where + " timed out after " + config.connectTimeout().toSeconds() + " s: a"
          + " firewall is probably dropping the packets" + STEP_1 + ", and outgoing connections from ports"
          + " 1024 to 65535 back to it must be allowed too.";
    }
    if (Errors.find(e, NoRouteToHostException.class) != null) {
      return "no route to host " + where + ": the address is not reachable from here" + STEP_1 + ".";
    }
    if (Errors.find(e, ConnectException.class) != null) {
      return "connection to " + where + " was refused: nothing listens there, or a firewall rejects it."
          + " Check the host and the port (usually 5432), that PostgreSQL listens on this address"
          + " (listen_addresses)" + STEP_1 + ".";
    }
    return "could not connect to " + where + ": " + Errors.describe(e) + STEP_1 + ".";
  }

  private void addFailure(Checklist list, SQLException e) {
    String state = SqlStates.sqlStateOf(e);
    String message = Errors.describe(e);
    String tls = tlsExplanation(e, message);
    if (tls != null) {
      list.add(fail(REACHABLE, reachableTitle(), tls));
      skipAll(list, 1);
    } else if ("3D000".equals(state)) {
      list.add(pass(REACHABLE, reachableTitle(), "the server answered"));
      list.add(pass(AUTHENTICATES, authTitle(), "the server accepted the login"));
      list.add(fail(DATABASE, databaseTitle(), "database \"" + config.database() + "\" does not exist on this"
          + " server. Check its name (it is case-sensitive), or have an administrator create it: CREATE DATABASE "
          + Sql.ident(config.database()) + ";"));
    } else if (isLoginRefusal(state, message)) {
      list.add(pass(REACHABLE, reachableTitle(), "the server answered"));
      list.add(fail(AUTHENTICATES, authTitle(), authExplanation(state, message)));
      skipAll(list, 2);
    } else if ("53300".equals(state) || "57P03".equals(state)) {
      list.add(fail(REACHABLE, reachableTitle(), "the server refused new connections: " + message
          + " [SQLSTATE " + state + "]. Try again later, or raise max_connections."));
      skipAll(list, 1);
    } else {
      list.add(fail(REACHABLE, reachableTitle(), tcpExplanation(e, config.host() + ":" + config.port())
          + (state == null ? "" : " [SQLSTATE " + state + "]")));
      skipAll(list, 1);
    }
  }

  private static boolean isLoginRefusal(String state, String message) {
    return state != null && state.startsWith("28")
        || "08004".equals(state) && message.toLowerCase(Locale.ROOT).contains("password");
  }

  private String authExplanation(String state, String message) {
    StringBuilder s = new StringBuilder(message);
    if (state != null) {
      s.append(" [SQLSTATE ").append(state).append(']');
    }
    if ("28P01".equals(state)) {
      s.append(". Check the username and the password: both are case-sensitive and every character counts.");
    } else if (message.contains("pg_hba")) {
      s.append(". The server's pg_hba.conf has no line letting this user connect to this database from this"
          + " address; an administrator adds one, e.g. \"hostssl " + config.database() + " " + config.username()
          + " <service IP>/32 scram-sha-256\", and reloads the configuration.");
    } else if ("08004".equals(state)) {
      s.append(". Set the password in the configuration.");
    }
    if (CredentialsCheck.hasOuterWhiteSpace(config)) {
      s.append(" Note: the username or password starts or ends with white space (see item \"credentials\").");
    }
    return s.toString();
  }

  /** The explanation of a TLS failure, or null when the failure is not about TLS. */
  private String tlsExplanation(SQLException e, String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    String mode = "sslMode " + config.sslMode();
    if (lower.contains("does not support ssl")) {
      return "the server does not offer TLS, but " + mode + " requires it. Enable TLS on the server (ssl = on"
          + " with a certificate), or, only on a trusted network or inside an SSH tunnel, use sslMode PREFER"
          + " or DISABLE.";
    }
    if (Errors.find(e, SSLPeerUnverifiedException.class) != null
        || lower.contains("hostname") && lower.contains("verif")
        || lower.contains("server name validation failed")) {
      return "the server's TLS certificate does not name the host \"" + config.host() + "\" (" + mode + "): "
          + message + ". Connect with a host name the certificate was issued for, or use sslMode VERIFY_CA.";
    }
    if (Errors.find(e, CertPathBuilderException.class) != null
        || Errors.find(e, CertPathValidatorException.class) != null || lower.contains("pkix")) {
      return "the server's TLS certificate is not trusted (" + mode + "): it does not chain to a trusted"
          + " certificate authority. Set sslRootCert to the PEM file of the CA that signed it.";
    }
    if (Errors.find(e, SSLException.class) != null || lower.contains("ssl error")) {
      return "the TLS handshake failed (" + mode + "): " + message;
    }
    return null;
  }

  private Item reachedItem(Connection connection) {
    String via = tunnelled ? "through the SSH tunnel" : "over TCP";
    String tls;
    boolean encrypted;
    try (PreparedStatement ps = connection.prepareStatement(CheckSql.SSL_STATUS);
        ResultSet rs = ps.executeQuery()) {
      encrypted = rs.next() && rs.getBoolean(1);
      tls = encrypted ? "with TLS (" + rs.getString(2) + ", sslMode " + config.sslMode() + ")" : "without TLS";
    } catch (SQLException e) {
      encrypted = config.sslMode().verifiesCertificate() || config.sslMode() == SslMode.REQUIRE;
      tls = encrypted ? "with TLS (sslMode " + config.sslMode() + ")" : "(TLS status unknown)";
    }
    String explanation = "connected to " + config.host() + ":" + config.port() + " " + via + " " + tls;
    if (!encrypted && !tunnelled && !loopback) {
      return warn(REACHABLE, reachableTitle(), explanation + ": the password and the rows cross the network in"
          + " clear text. Use sslMode VERIFY_FULL (or at least REQUIRE), or an SSH tunnel.");
    }
    return pass(REACHABLE, reachableTitle(), explanation);
  }

  private String reachableTitle() {
    return "server reachable at " + config.host() + ":" + config.port() + (tunnelled ? " (through the tunnel)" : "");
  }

  private String authTitle() {
    return "user \"" + config.username() + "\" logs in";
  }

  private String databaseTitle() {
    return "database \"" + config.database() + "\" exists";
  }
}
