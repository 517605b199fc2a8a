package dev.lexguard.sharing.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The review report for an auditor: every decision in the period, with the share it was about. */
public record ReviewReport(UUID firmId, Instant from, Instant to, Instant generatedAt, UUID generatedBy, Counts counts, List<Row> decisions) {

    public record Counts(long keep, long revoke, long changeExpiry) {
    }

    public record Row(UUID reviewId, UUID shareId, UUID matterId, UUID contactId, String contactName, String contactKind, String resourceType,
            String resourceId, String title, String decision, String note, UUID decidedBy, Instant decidedAt, Instant wasDueAt,
            Instant previousExpiresAt, Instant expiresAt, Instant nextReviewAt) {
    }
}
