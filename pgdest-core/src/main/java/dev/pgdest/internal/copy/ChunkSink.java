package dev.pgdest.internal.copy;

/** Receives full chunks of a streaming {@link Bytes}. */
@FunctionalInterface
public interface ChunkSink {
  /**
   * Takes {@code len} bytes of {@code chunk}; may keep the array.
   *
   * @return the array the buffer continues with (the same one when the sink did not keep it)
   */
  byte[] accept(byte[] chunk, int len);
}
