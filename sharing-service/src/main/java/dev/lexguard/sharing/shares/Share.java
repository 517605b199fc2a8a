package dev.lexguard.sharing.shares;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One resource of a matter shared with one contact. A share whose expiry has passed is expired from that instant
 * on ({@link #statusAt}), whether or not the sweep has written it down yet.
 */
@Entity
@Table(name = "share")
public class Share {

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";
    public static final String EXPIRED = "expired";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "matter_id", nullable = false)
    private UUID matterId;

    @Column(name = "contact_id", nullable = false)
    private UUID contactId;

    @Column(name = "resource_type", nullable = false)
    private String resourceType;

    @Column(name = "resource_id", nullable = false)
    private String resourceId;

    @Column(nullable = false)
    private String title;

    @Column(name = "access_level", nullable = false)
    private String accessLevel;

    private String message;

    @Column(name = "shared_by", nullable = false)
    private UUID sharedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(nullable = false)
    private String status;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private UUID revokedBy;

    @Column(name = "revoke_reason")
    private String revokeReason;

    @Column(name = "expired_at")
    private Instant expiredAt;

    @Column(name = "expiry_warned_at")
    private Instant expiryWarnedAt;

    @Column(name = "next_review_at", nullable = false)
    private Instant nextReviewAt;

    @Column(name = "review_due_sent_at")
    private Instant reviewDueSentAt;

    @Column(name = "review_overdue_sent_at")
    private Instant reviewOverdueSentAt;

    @Column(name = "open_count", nullable = false)
    private int openCount;

    @Column(name = "last_opened_at")
    private Instant lastOpenedAt;

    protected Share() {
    }

    public Share(UUID id, UUID firmId, ShareRequest request, UUID sharedBy, Instant now, Instant expiresAt, Instant nextReviewAt) {
        this.id = id;
        this.firmId = firmId;
        this.matterId = request.matterId();
        this.contactId = request.contactId();
        this.resourceType = request.resourceType();
        this.resourceId = request.resourceId().strip();
        this.title = request.title().strip();
        this.accessLevel = request.accessLevel();
        this.message = request.message() == null || request.message().isBlank() ? null : request.message().strip();
        this.sharedBy = sharedBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
        this.nextReviewAt = nextReviewAt;
        this.status = ACTIVE;
    }

    /** active, revoked or expired at {@code now}: an active share past its expiry is expired. */
    public String statusAt(Instant now) {
        return ACTIVE.equals(status) && !expiresAt.isAfter(now) ? EXPIRED : status;
    }

    public boolean activeAt(Instant now) {
        return ACTIVE.equals(statusAt(now));
    }

    public void revoke(UUID by, String reason, Instant now) {
        this.status = REVOKED;
        this.revokedAt = now;
        this.revokedBy = by;
        this.revokeReason = reason;
    }

    public void expire() {
        this.status = EXPIRED;
        this.expiredAt = expiresAt;
    }

    /** A new expiry: a warning is due again before it. */
    public void changeExpiry(Instant expiresAt) {
        this.expiresAt = expiresAt;
        this.expiryWarnedAt = null;
    }

    public void warned(Instant now) {
        this.expiryWarnedAt = now;
    }

    /** After a review decision: the next review, and due/overdue events again when it comes. */
    public void reviewed(Instant nextReviewAt) {
        this.nextReviewAt = nextReviewAt;
        this.reviewDueSentAt = null;
        this.reviewOverdueSentAt = null;
    }

    public void reviewDueSent(Instant now) {
        this.reviewDueSentAt = now;
    }

    public void reviewOverdueSent(Instant now) {
        this.reviewOverdueSentAt = now;
    }

    public void opened(Instant now) {
        this.openCount++;
        this.lastOpenedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID firmId() {
        return firmId;
    }

    public UUID matterId() {
        return matterId;
    }

    public UUID contactId() {
        return contactId;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }

    public String title() {
        return title;
    }

    public String accessLevel() {
        return accessLevel;
    }

    public String message() {
        return message;
    }

    public UUID sharedBy() {
        return sharedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String status() {
        return status;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public UUID revokedBy() {
        return revokedBy;
    }

    public String revokeReason() {
        return revokeReason;
    }

    public Instant expiredAt() {
        return expiredAt;
    }

    public Instant nextReviewAt() {
        return nextReviewAt;
    }

    public int openCount() {
        return openCount;
    }

    public Instant lastOpenedAt() {
        return lastOpenedAt;
    }
}
