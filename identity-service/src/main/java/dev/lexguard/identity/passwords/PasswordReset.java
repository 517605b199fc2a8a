package dev.lexguard.identity.passwords;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A firm user's single-use, 30-minute password reset. */
@Entity
@Table(name = "password_reset")
public class PasswordReset extends ResetLink {

    protected PasswordReset() {
    }

    public PasswordReset(UUID firmId, UUID userId, Instant now, Instant expiresAt) {
        super(firmId, userId, now, expiresAt);
    }
}
