package dev.lexguard.sharing.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A review decision on a share: the evidence of who decided what, and when. Never changed once written. */
@Entity
@Table(name = "share_review")
public class ShareReview {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "share_id", nullable = false)
    private UUID shareId;

    @Column(nullable = false)
    private String decision;

    private String note;

    @Column(name = "decided_by", nullable = false)
    private UUID decidedBy;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(name = "was_due_at", nullable = false)
    private Instant wasDueAt;

    @Column(name = "previous_expires_at", nullable = false)
    private Instant previousExpiresAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "next_review_at")
    private Instant nextReviewAt;

    protected ShareReview() {
    }

    public ShareReview(UUID id, UUID firmId, UUID shareId, String decision, String note, UUID decidedBy, Instant decidedAt, Instant wasDueAt,
            Instant previousExpiresAt, Instant expiresAt, Instant nextReviewAt) {
        this.id = id;
        this.firmId = firmId;
        this.shareId = shareId;
        this.decision = decision;
        this.note = note;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
        this.wasDueAt = wasDueAt;
        this.previousExpiresAt = previousExpiresAt;
        this.expiresAt = expiresAt;
        this.nextReviewAt = nextReviewAt;
    }

    public UUID id() {
        return id;
    }

    public UUID shareId() {
        return shareId;
    }

    public String decision() {
        return decision;
    }

    public String note() {
        return note;
    }

    public UUID decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Instant wasDueAt() {
        return wasDueAt;
    }

    public Instant previousExpiresAt() {
        return previousExpiresAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant nextReviewAt() {
        return nextReviewAt;
    }
}
