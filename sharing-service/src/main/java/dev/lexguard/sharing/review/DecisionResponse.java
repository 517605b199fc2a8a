package dev.lexguard.sharing.review;

import java.time.Instant;
import java.util.UUID;

/** A recorded review decision. */
public record DecisionResponse(UUID id, UUID shareId, String decision, String note, UUID decidedBy, Instant decidedAt, Instant wasDueAt,
        Instant previousExpiresAt, Instant expiresAt, Instant nextReviewAt) {

    public static DecisionResponse of(ShareReview r) {
        return new DecisionResponse(r.id(), r.shareId(), r.decision(), r.note(), r.decidedBy(), r.decidedAt(), r.wasDueAt(),
                r.previousExpiresAt(), r.expiresAt(), r.nextReviewAt());
    }
}
