package dev.lexguard.feed.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A recorded review: the period and the chain positions it covered, (afterSeq, head.seq], the head's hash, the feed
 * entry that records it, who reviewed and when. {@code digest} and {@code flagged} are left out of the history's items.
 */
public record ReviewResponse(UUID id, Instant periodStart, Instant completedAt, long afterSeq, ChainHead head, UUID entryId,
        UUID reviewedBy, String note, int flaggedCount, @JsonInclude(JsonInclude.Include.NON_NULL) Digest digest,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FlaggedEntry> flagged) {

    /** A chain position and its hash (hex), as GET /api/v1/feed/verify reports them. */
    public record ChainHead(long seq, String hash) {
    }

    ReviewResponse summary() {
        return new ReviewResponse(id, periodStart, completedAt, afterSeq, head, entryId, reviewedBy, note, flaggedCount, null, null);
    }
}
