package dev.lexguard.identity.approvals;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The challenge a device signs with the key it registers; the latest one per device, single use. */
@Entity
@Table(name = "approval_key_challenge")
public class ApprovalKeyChallenge {

    @Id
    @Column(name = "device_id")
    private UUID deviceId;

    @Column(nullable = false)
    private byte[] challenge;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected ApprovalKeyChallenge() {
    }

    ApprovalKeyChallenge(UUID deviceId, byte[] challenge, Instant expiresAt) {
        this.deviceId = deviceId;
        this.challenge = challenge;
        this.expiresAt = expiresAt;
    }

    void renew(byte[] challenge, Instant expiresAt) {
        this.challenge = challenge;
        this.expiresAt = expiresAt;
    }

    byte[] challenge() {
        return challenge;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
