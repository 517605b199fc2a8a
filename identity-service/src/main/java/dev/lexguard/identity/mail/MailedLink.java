package dev.lexguard.identity.mail;

import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * A single-use link the firm's mailer sends to a user (invitation, password reset). Its token does not
 * exist until the mailer asks for the link, once; then only the token's SHA-256 is stored, so no token
 * is ever in an event, the outbox or a log.
 */
@MappedSuperclass
public abstract class MailedLink {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "link_issued_at")
    private Instant linkIssuedAt;

    protected MailedLink() {
    }

    protected MailedLink(UUID firmId, UUID userId, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.firmId = firmId;
        this.userId = userId;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** Whether the link may still be minted and redeemed (not used, revoked or expired). */
    public abstract boolean isRedeemable(Instant now);

    /**
     * Mints {@code link}'s token now and stores its hash: 404 when the link is unknown or no longer
     * redeemable, 409 ({@code link-already-issued}, with {@code alreadyIssued} as detail) on a second request.
     */
    public static String mintToken(MailedLink link, String prefix, Instant now, String alreadyIssued) {
        if (link == null || !link.isRedeemable(now)) {
            throw new NotFoundProblem();
        }
        if (link.linkIssuedAt != null) {
            throw new ConflictProblem("link-already-issued", alreadyIssued);
        }
        String token = OpaqueTokens.mint(prefix);
        link.tokenHash = OpaqueTokens.hash(token);
        link.linkIssuedAt = now;
        return token;
    }

    public UUID id() {
        return id;
    }

    public UUID firmId() {
        return firmId;
    }

    public UUID userId() {
        return userId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
