package dev.lexguard.identity.users;

import dev.lexguard.identity.mail.MailedLink;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A single-use, 7-day invitation to set a password. */
@Entity
@Table(name = "invitation")
public class Invitation extends MailedLink {

    @Column(name = "invited_by", nullable = false)
    private UUID invitedBy;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected Invitation() {
    }

    public Invitation(UUID firmId, UUID userId, UUID invitedBy, Instant now, Instant expiresAt) {
        super(firmId, userId, now, expiresAt);
        this.invitedBy = invitedBy;
    }

    @Override
    public boolean isRedeemable(Instant now) {
        return acceptedAt == null && revokedAt == null && now.isBefore(expiresAt());
    }

    public void accept(Instant now) {
        this.acceptedAt = now;
    }

    public void revoke(Instant now) {
        if (acceptedAt == null && revokedAt == null) {
            this.revokedAt = now;
        }
    }
}
