package dev.lexguard.identity.approvals;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A sign-in waiting for one tap on a registered device: the number is for the web page, the challenge for the device;
 * the device's answer is signed with its approval key over both.
 */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    static final String PENDING = "pending";
    static final String APPROVED = "approved";
    static final String DENIED = "denied";
    static final String REFUSED = "refused";
    static final String COMPLETED = "completed";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "device_id", nullable = false)
    private UUID deviceId;

    @Column(name = "sign_in_challenge_id", nullable = false)
    private UUID signInChallengeId;

    @Column(nullable = false)
    private byte[] challenge;

    @Column(nullable = false)
    private short number;

    @Column(name = "client_ip", nullable = false)
    private String clientIp;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(nullable = false)
    private String status;

    @Column(name = "not_me", nullable = false)
    private boolean notMe;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    protected ApprovalRequest() {
    }

    ApprovalRequest(UUID firmId, UUID userId, UUID deviceId, UUID signInChallengeId, byte[] challenge, int number,
            String clientIp, String userAgent, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.firmId = firmId;
        this.userId = userId;
        this.deviceId = deviceId;
        this.signInChallengeId = signInChallengeId;
        this.challenge = challenge;
        this.number = (short) number;
        this.clientIp = clientIp;
        this.userAgent = userAgent;
        this.status = PENDING;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    boolean isPending() {
        return PENDING.equals(status);
    }

    boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    void answer(String outcome, boolean notMe, Instant now) {
        this.status = outcome;
        this.notMe = notMe;
        this.answeredAt = now;
    }

    void completed() {
        this.status = COMPLETED;
    }

    UUID id() {
        return id;
    }

    UUID firmId() {
        return firmId;
    }

    UUID userId() {
        return userId;
    }

    UUID deviceId() {
        return deviceId;
    }

    UUID signInChallengeId() {
        return signInChallengeId;
    }

    byte[] challenge() {
        return challenge;
    }

    /** The two digits the web page shows (10..99). */
    String number() {
        return Integer.toString(number);
    }

    String clientIp() {
        return clientIp;
    }

    String userAgent() {
        return userAgent;
    }

    String status() {
        return status;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
