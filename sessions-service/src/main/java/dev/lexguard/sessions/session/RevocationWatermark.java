package dev.lexguard.sessions.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** "Sessions of this user (or of the whole firm, actorId null) that started before T are ended, except one." */
@Entity
@Table(name = "revocation_watermark")
public class RevocationWatermark {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "actor_id")
    private UUID actorId;

    @Column(name = "actor_type")
    private String actorType;

    @Column(name = "revoked_before", nullable = false)
    private Instant revokedBefore;

    @Column(name = "except_session_id")
    private UUID exceptSessionId;

    @Column(nullable = false)
    private String reason;

    @Column(name = "revoked_by")
    private UUID revokedBy;

    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;

    protected RevocationWatermark() {
    }

    public RevocationWatermark(UUID firmId, UUID actorId, String actorType, Instant revokedBefore, UUID exceptSessionId,
            String reason, UUID revokedBy, Instant raisedAt) {
        this.id = UUID.randomUUID();
        this.firmId = firmId;
        this.actorId = actorId;
        this.actorType = actorType;
        this.revokedBefore = revokedBefore;
        this.exceptSessionId = exceptSessionId;
        this.reason = reason;
        this.revokedBy = revokedBy;
        this.raisedAt = raisedAt;
    }

    public String reason() {
        return reason;
    }

    public UUID revokedBy() {
        return revokedBy;
    }

    public Instant raisedAt() {
        return raisedAt;
    }
}
