package dev.lexguard.identity.portal;

import dev.lexguard.identity.passwords.ResetLink;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A contact's single-use portal password reset, as long-lived as a firm user's. */
@Entity
@Table(name = "portal_password_reset")
@AttributeOverride(name = "userId", column = @Column(name = "account_id", nullable = false))
public class PortalPasswordReset extends ResetLink {

    protected PortalPasswordReset() {
    }

    public PortalPasswordReset(UUID firmId, UUID accountId, Instant now, Instant expiresAt) {
        super(firmId, accountId, now, expiresAt);
    }

    public UUID accountId() {
        return userId();
    }
}
