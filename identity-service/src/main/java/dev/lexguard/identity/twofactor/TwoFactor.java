package dev.lexguard.identity.twofactor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's TOTP factor: the sealed active secret (if any), a sealed secret awaiting confirmation, the replay mark. */
@Entity
@Table(name = "two_factor")
public class TwoFactor {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "active_secret")
    private String activeSecret;

    @Column(name = "pending_secret")
    private String pendingSecret;

    @Column(name = "last_step", nullable = false)
    private long lastStep = Totp.NO_ACCEPTED_STEP;

    @Column(name = "enabled_at")
    private Instant enabledAt;

    @Column(name = "pending_since")
    private Instant pendingSince;

    protected TwoFactor() {
    }

    public TwoFactor(UUID firmId, UUID userId) {
        this.firmId = firmId;
        this.userId = userId;
    }

    public boolean isEnabled() {
        return activeSecret != null;
    }

    public boolean isPending() {
        return pendingSecret != null;
    }

    void startEnrolment(String sealed, Instant now) {
        this.pendingSecret = sealed;
        this.pendingSince = now;
    }

    /** The pending secret becomes the active one; {@code step} is the confirming code's, so it cannot be replayed. */
    void confirm(long step, Instant now) {
        this.activeSecret = pendingSecret;
        this.pendingSecret = null;
        this.pendingSince = null;
        this.enabledAt = now;
        this.lastStep = step;
    }

    void disable() {
        this.activeSecret = null;
        this.pendingSecret = null;
        this.pendingSince = null;
        this.enabledAt = null;
    }

    public UUID userId() {
        return userId;
    }

    public UUID firmId() {
        return firmId;
    }

    String activeSecret() {
        return activeSecret;
    }

    String pendingSecret() {
        return pendingSecret;
    }

    long lastStep() {
        return lastStep;
    }

    public Instant enabledAt() {
        return enabledAt;
    }

    public Instant pendingSince() {
        return pendingSince;
    }
}
