package dev.lexguard.feed.chain;

/**
 * The result of verifying a range of a firm's chain. {@code from}/{@code to} are the positions actually checked
 * (a range starting before the retention anchor starts at it). {@code firstBreak} is null when every entry's hash
 * matched and no position was missing.
 */
public record ChainVerification(boolean valid, long from, long to, long checked, Anchor anchor, Head head, Break firstBreak) {

    /** Where the retained chain starts: the last purged position and its hash (0 and zeros before any purge). */
    public record Anchor(long seq, String hash) {
    }

    public record Head(long seq, String hash) {
    }

    /**
     * The first position that does not verify. reason: {@code hash-mismatch} (the entry's content or hash was changed),
     * {@code missing} (an entry was deleted) or {@code head-mismatch} (the chain's last entries were replaced or removed).
     */
    public record Break(long seq, String entryId, String reason, String expectedHash, String storedHash) {
    }
}
