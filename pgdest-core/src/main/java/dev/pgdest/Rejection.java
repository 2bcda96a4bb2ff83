package dev.pgdest;

/**
 * A change a {@link SyncSession} refused under {@link RejectPolicy#SKIP}. Never holds the value.
 *
 * <pre>{@code
 * Consumer<Rejection> dlq = r -> deadLetters.send(records.get((int) r.position() - 1), r.reason());
 * }</pre>
 *
 * @param table the table, as named in its spec
 * @param position the change's position as returned by {@link TableChanges} (1-based, per commit)
 * @param column the column at fault, or null when the whole row is
 * @param sqlState the server's SQLSTATE for a server-side refusal, or null for a client-side one
 * @param reason the rule that was broken, in words, without the value
 */
public record Rejection(String table, long position, String column, String sqlState, String reason) {}
