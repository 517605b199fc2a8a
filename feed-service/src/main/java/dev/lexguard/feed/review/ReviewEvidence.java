package dev.lexguard.feed.review;

import java.time.Instant;
import java.util.UUID;

/** The evidence of one review for an auditor: the review with its digest and flagged entries, and who exported it when. */
public record ReviewEvidence(UUID firmId, ReviewResponse review, Instant generatedAt, UUID generatedBy) {
}
