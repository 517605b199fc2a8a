package dev.lexguard.identity.portal;

import dev.lexguard.identity.mail.MailedLink;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A single-use, 7-day invitation for a contact to set a portal password; a newer one supersedes it. */
@Entity
@Table(name = "portal_invitation")
@AttributeOverride(name = "userId", column = @Column(name = "account_id", nullable = false))
public class PortalInvitation extends MailedLink {

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "superseded_at")
    private Instant supersededAt;

    protected PortalInvitation() {
    }

    public PortalInvitation(UUID firmId, UUID accountId, Instant now, Instant expiresAt) {
        super(firmId, accountId, now, expiresAt);
    }

    @Override
    public boolean isRedeemable(Instant now) {
        return acceptedAt == null && supersededAt == null && now.isBefore(expiresAt());
    }

    public UUID accountId() {
        return userId();
    }

    public void accept(Instant now) {
        this.acceptedAt = now;
    }

    public void supersede(Instant now) {
        if (acceptedAt == null && supersededAt == null) {
            this.supersededAt = now;
        }
    }
}
