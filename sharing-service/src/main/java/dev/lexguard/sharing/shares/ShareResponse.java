package dev.lexguard.sharing.shares;

import dev.lexguard.sharing.contactrecords.Contact;
import java.time.Instant;
import java.util.UUID;

/**
 * A share as the firm sees it. {@code status} is active, expired or revoked at the time of the request;
 * {@code review} is not-due, due or overdue for active shares (null otherwise).
 */
public record ShareResponse(UUID id, UUID matterId, UUID contactId, String contactName, String contactKind, String resourceType,
        String resourceId, String title, String accessLevel, String message, UUID sharedBy, Instant createdAt, Instant expiresAt,
        String status, Instant revokedAt, UUID revokedBy, String revokeReason, Instant nextReviewAt, String review, int openCount,
        Instant lastOpenedAt) {

    public static ShareResponse of(Share s, Contact contact, Instant now, int overdueAfterDays) {
        String status = s.statusAt(now);
        String review = null;
        if (Share.ACTIVE.equals(status)) {
            review = s.nextReviewAt().isAfter(now) ? "not-due"
                    : s.nextReviewAt().plusSeconds(86400L * overdueAfterDays).isAfter(now) ? "due" : "overdue";
        }
        return new ShareResponse(s.id(), s.matterId(), s.contactId(), contact == null ? null : contact.name(),
                contact == null ? null : contact.kind(), s.resourceType(), s.resourceId(), s.title(), s.accessLevel(), s.message(),
                s.sharedBy(), s.createdAt(), s.expiresAt(), status, s.revokedAt(), s.revokedBy(), s.revokeReason(), s.nextReviewAt(),
                review, s.openCount(), s.lastOpenedAt());
    }
}
