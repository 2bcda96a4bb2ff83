package dev.pgdest;

/**
 * A {@link SyncSession}'s commit was refused because another session claimed one of its checkpoint
 * keys after it did (a zombie task after a rebalance, a second copy of a job). Nothing of the
 * commit landed, whatever positions it carried: a unit's changes cannot be told apart by key. The
 * session forgets its claim of that key (and of any other key claimed since); it goes on with the
 * keys it still holds, and may claim the lost one again to resume from the stored position.
 */
public class FencedException extends PgdestException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final long claimedEpoch;
  private final long currentEpoch;

  /**
   * A fenced commit.
   *
   * @param message what happened (no positions or values)
   * @param key the checkpoint key that was claimed by someone else
   * @param claimedEpoch the epoch this session holds
   * @param currentEpoch the epoch now stored
   */
  public FencedException(String message, String key, long claimedEpoch, long currentEpoch) {
    super(message, null, null, false);
    this.key = key;
    this.claimedEpoch = claimedEpoch;
    this.currentEpoch = currentEpoch;
  }

  /** The checkpoint key another session claimed. */
  public String key() {
    return key;
  }

  /** The epoch this session's claim holds. */
  public long claimedEpoch() {
    return claimedEpoch;
  }

  /** The epoch stored by the newer claim. */
  public long currentEpoch() {
    return currentEpoch;
  }
}
