package dev.pgdest.testkit.internal.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds an {@link AutoCloseable} in a JUnit store so that JUnit closes it with its context. JUnit
 * Jupiter before 5.13 closes only {@code CloseableResource} values; newer versions close an
 * {@link AutoCloseable} as such (and warn about a value that is only a {@code CloseableResource}).
 * This holder is both, and each version closes it once.
 *
 * <p>Thread-safe if the value is.
 */
@SuppressWarnings("deprecation") // CloseableResource: the only kind Jupiter 5.10 to 5.12 close
final class StoredResource implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  private final AutoCloseable value;

  StoredResource(AutoCloseable value) {
    this.value = value;
  }

  /** The held value, cast to {@code type}. */
  <V> V get(Class<V> type) {
    return type.cast(value);
  }

  @Override
  public void close() {
    try {
      value.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("could not close " + value, e);
    }
  }
}
