package dev.lexguard.identity.signin;

import dev.lexguard.identity.sessions.ClientInfo;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer {@code two_factor_required} hands out: proof that the password was right, good for one
 * second-factor attempt series ({@link #MAX_FAILED_ATTEMPTS} wrong codes burn it) within a few minutes.
 */
@Entity
@Table(name = "signin_challenge")
public class SignInChallenge {

    public static final int MAX_FAILED_ATTEMPTS = 5;
    public static final String SECOND_FACTOR = "second_factor";
    public static final String ENROLMENT = "enrolment";
    /** A portal account's second step: {@link #userId()} is the portal account's id. */
    public static final String PORTAL_SECOND_FACTOR = "portal_second_factor";
    /** A portal account's enrolment-only token after "not me": {@link #userId()} is the portal account's id. */
    public static final String PORTAL_ENROLMENT = "portal_enrolment";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "token_hash", nullable = false)
    private byte[] tokenHash;

    @Column(name = "client_ip")
    private String clientIp;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "purpose", nullable = false)
    private String purpose = SECOND_FACTOR;

    /** The amr of the factor that opened the challenge: pwd, or sso for the firm's Keycloak. */
    @Column(name = "first_factor", nullable = false)
    private String firstFactor = "pwd";

    protected SignInChallenge() {
    }

    private SignInChallenge(UUID firmId, UUID userId, byte[] tokenHash, ClientInfo client, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.firmId = firmId;
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.clientIp = client.ip();
        this.userAgent = client.userAgent();
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /**
     * A challenge ({@link #SECOND_FACTOR}) or enrolment token ({@link #ENROLMENT}) after a first factor: pwd, or sso
     * for the firm's Keycloak; the session it leads to names that factor in its amr.
     */
    public static SignInChallenge afterFirstFactor(UUID firmId, UUID userId, byte[] tokenHash, ClientInfo client,
            Instant now, Instant expiresAt, String firstFactor, String purpose) {
        SignInChallenge challenge = new SignInChallenge(firmId, userId, tokenHash, client, now, expiresAt);
        challenge.firstFactor = firstFactor;
        challenge.purpose = purpose;
        return challenge;
    }

    public String firstFactor() {
        return firstFactor;
    }

    public boolean isOpen(Instant now) {
        return usedAt == null && failedAttempts < MAX_FAILED_ATTEMPTS && now.isBefore(expiresAt);
    }

    /** Whether wrong codes have used the challenge up. */
    public boolean isBurnt() {
        return failedAttempts >= MAX_FAILED_ATTEMPTS;
    }

    /** A wrong code; the fifth burns the challenge. */
    public void failedAttempt() {
        failedAttempts++;
    }

    public void use(Instant now) {
        this.usedAt = now;
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

    public int failedAttempts() {
        return failedAttempts;
    }
}
