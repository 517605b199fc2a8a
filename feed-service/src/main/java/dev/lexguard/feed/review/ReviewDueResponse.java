package dev.lexguard.feed.review;

import java.time.Instant;
import java.util.UUID;

/**
 * Whether the firm's feed review is due, the period it would cover and its digest. {@code period} is null while the
 * firm's feed is empty.
 */
public record ReviewDueResponse(boolean due, boolean overdue, Instant dueAt, Instant overdueAt, String interval,
        ReviewPeriod period, LastReview lastReview, Digest digest) {

    /**
     * From the last review (or the firm's first entry) to now; by chain position, the entries after {@code afterSeq}
     * (the last review's own entry, or the retention anchor) up to the head {@code headSeq}.
     */
    public record ReviewPeriod(Instant from, Instant to, long afterSeq, long headSeq) {
    }

    public record LastReview(UUID id, Instant completedAt, UUID reviewedBy) {
    }
}
