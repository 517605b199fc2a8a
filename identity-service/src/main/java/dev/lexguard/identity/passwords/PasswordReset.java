package dev.lexguard.identity.passwords;

import dev.lexguard.identity.mail.MailedLink;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A single-use, 30-minute password reset. */
@Entity
@Table(name = "password_reset")
public class PasswordReset extends MailedLink {

    @Column(name = "used_at")
    private Instant usedAt;

    protected PasswordReset() {
    }

    public PasswordReset(UUID firmId, UUID userId, Instant now, Instant expiresAt) {
        super(firmId, userId, now, expiresAt);
    }

    @Override
    public boolean isRedeemable(Instant now) {
        return usedAt == null && now.isBefore(expiresAt());
    }

    public void use(Instant now) {
        this.usedAt = now;
    }
}
