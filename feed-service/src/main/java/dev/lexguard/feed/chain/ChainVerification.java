package dev.lexguard.feed.chain;

import java.time.Instant;
import java.util.UUID;

/**
 * The result of verifying a range of a firm's chain. {@code from}/{@code to} are the positions actually checked
 * (a range starting before the retention anchor starts at it). {@code firstBreak} is null when every entry's hash
 * matched and no position was missing.
 */
public record ChainVerification(boolean valid, long from, long to, long checked, Anchor anchor, Head head, Break firstBreak) {

    /**
     * Where the retained chain starts: the last purged position and its hash (0 and zeros before any purge), and the
     * purge that left it ({@code lastPurge}, null before any).
     */
    public record Anchor(long seq, String hash, Purge lastPurge) {

        public Anchor(long seq, String hash) {
            this(seq, hash, null);
        }
    }

    /**
     * The purge that moved the anchor: how many entries it dropped ({@code fromSeq}..the anchor), their times, when,
     * by whom (type {@code user} and the administrator's id, or {@code system} for the periodic job) and the id of
     * the feed entry reporting it, which sits in the chain after the anchor and is verified with the rest.
     */
    public record Purge(long purged, Long fromSeq, Instant oldestOccurredAt, Instant newestOccurredAt, Instant at, Actor by,
            UUID entryId) {
    }

    public record Actor(String type, String id) {
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
