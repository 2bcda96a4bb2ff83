package dev.pgdest.internal.pool;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Hands the TLS client key's password to pgjdbc through its {@code sslpasswordcallback} setting
 * instead of its {@code sslpassword} property: the driver puts every property of a data source,
 * {@code sslpassword} included, into the URL it logs at FINE ("Connecting with URL"), so that
 * property would leak the password into the driver's debug log. Keyed by the key file, which is
 * the one setting the driver hands back to the callback. Public only because the driver
 * instantiates it by reflection.
 */
public final class SslKeyPasswordCallback implements javax.security.auth.callback.CallbackHandler {
  /** Key file path to password. One entry per key file: a file has one password. */
  private static final Map<String, char[]> PASSWORDS = new ConcurrentHashMap<>();

  private final char[] password;

  /** Called by pgjdbc with the connection's properties. */
  public SslKeyPasswordCallback(Properties info) {
    char[] registered = PASSWORDS.get(String.valueOf(info.getProperty("sslkey")));
    this.password = registered == null ? null : registered.clone();
  }

  /** Remembers the password of a key file for the connections the driver opens later. */
  static void register(String keyFile, String password) {
    PASSWORDS.put(keyFile, password.toCharArray());
  }

  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
    for (Callback callback : callbacks) {
      if (!(callback instanceof PasswordCallback)) {
        throw new UnsupportedCallbackException(callback);
      }
      ((PasswordCallback) callback).setPassword(password);
    }
  }
}
