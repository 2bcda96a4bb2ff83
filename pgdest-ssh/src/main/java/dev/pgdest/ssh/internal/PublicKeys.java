package dev.pgdest.ssh.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Renders public keys the way OpenSSH prints them: wire blobs, fingerprints, key lines. */
public final class PublicKeys {
  private PublicKeys() {}

  /** The key in SSH wire encoding, the bytes a fingerprint and a key line are made of. */
  public static byte[] blob(PublicKey key) {
    return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
  }

  /** The key type as OpenSSH names it, e.g. {@code ssh-ed25519}. */
  public static String type(PublicKey key) {
    return KeyType.fromKey(key).toString();
  }

  /** {@code SHA256:} and the unpadded base64 of the blob's digest, as {@code ssh-keygen -l} prints. */
  public static String fingerprint(PublicKey key) {
    return fingerprint(blob(key));
  }

  /** The SHA-256 fingerprint of a wire blob. */
  public static String fingerprint(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** {@code <type> <base64 blob>}, the public half of an authorized_keys or known_hosts line. */
  public static String line(PublicKey key) {
    return type(key) + " " + Base64.getEncoder().encodeToString(blob(key));
  }
}
