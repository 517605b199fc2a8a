package dev.lexguard.identity.approvals;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Push fatigue: phone approval is suspended for the user from {@code suspendedAt} until a sign-in with another factor
 * sets {@code liftedAt}. Denials before the last lifting no longer count.
 */
@Entity
@Table(name = "approval_suspension")
public class ApprovalSuspension {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "suspended_at")
    private Instant suspendedAt;

    @Column(name = "lifted_at")
    private Instant liftedAt;

    protected ApprovalSuspension() {
    }

    ApprovalSuspension(UUID userId, UUID firmId) {
        this.userId = userId;
        this.firmId = firmId;
    }

    boolean isSuspended() {
        return suspendedAt != null && (liftedAt == null || liftedAt.isBefore(suspendedAt));
    }

    void suspend(Instant now) {
        this.suspendedAt = now;
    }

    void lift(Instant now) {
        this.liftedAt = now;
    }

    /** Denials at or before this instant were forgiven by a sign-in with another factor (null: none). */
    Instant liftedAt() {
        return liftedAt;
    }
}
