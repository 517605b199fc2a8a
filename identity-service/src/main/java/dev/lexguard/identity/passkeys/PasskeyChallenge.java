package dev.lexguard.identity.passkeys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A WebAuthn challenge handed out in creation or request options: 32 random bytes, good once, for a few minutes, for
 * one purpose and one binding (the sign-in challenge after the password, or the session stepping up).
 */
@Entity
@Table(name = "passkey_challenge")
public class PasskeyChallenge {

    public static final String REGISTRATION = "registration";
    public static final String SIGN_IN = "sign_in";
    public static final String STEP_UP = "step_up";
    /** A sign-in with a discoverable passkey and no password: no user until the credential names one. */
    public static final String PASSWORDLESS = "passwordless";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    private UUID id;

    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "purpose", nullable = false)
    private String purpose;

    @Column(name = "binding_id")
    private UUID bindingId;

    @Column(name = "challenge", nullable = false)
    private byte[] challenge;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected PasskeyChallenge() {
    }

    PasskeyChallenge(UUID firmId, UUID userId, String purpose, UUID bindingId, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.firmId = firmId;
        this.userId = userId;
        this.purpose = purpose;
        this.bindingId = bindingId;
        this.challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** Whether this challenge may be answered now by this user for this purpose and binding. */
    boolean isOpenFor(UUID firmId, UUID userId, String purpose, UUID bindingId, Instant now) {
        return usedAt == null && now.isBefore(expiresAt) && Objects.equals(this.firmId, firmId)
                && Objects.equals(this.userId, userId) && this.purpose.equals(purpose)
                && Objects.equals(this.bindingId, bindingId);
    }

    /** Any answer uses the challenge up, accepted or not. */
    void use(Instant now) {
        if (usedAt == null) {
            usedAt = now;
        }
    }

    byte[] challenge() {
        return challenge.clone();
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
