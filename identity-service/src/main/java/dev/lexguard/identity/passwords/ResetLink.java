package dev.lexguard.identity.passwords;

import dev.lexguard.identity.mail.MailedLink;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A single-use password reset link (a firm user's or a portal contact's): redeemable once, until it expires; a newer
 * reset or a used one retires the others. Every unusable token is refused with the same problem.
 */
@MappedSuperclass
public abstract class ResetLink extends MailedLink {

    @Column(name = "used_at")
    private Instant usedAt;

    protected ResetLink() {
    }

    protected ResetLink(UUID firmId, UUID ownerId, Instant now, Instant expiresAt) {
        super(firmId, ownerId, now, expiresAt);
    }

    @Override
    public boolean isRedeemable(Instant now) {
        return usedAt == null && now.isBefore(expiresAt());
    }

    public void use(Instant now) {
        this.usedAt = now;
    }

    /** Unknown, malformed, used, retired and expired tokens alike. */
    public static BadRequestProblem invalidToken() {
        return new BadRequestProblem("invalid-reset-token", "The reset link is not valid, has been used or has expired",
                List.of(new FieldError("token", "is not a valid reset token")));
    }
}
