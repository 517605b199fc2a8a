package dev.lexguard.identity.approvals;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A registered device's approval key: the P-256 public key (SPKI, DER) whose private half only the app holds. */
@Entity
@Table(name = "approval_key")
public class ApprovalKey {

    @Id
    @Column(name = "device_id")
    private UUID deviceId;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    protected ApprovalKey() {
    }

    ApprovalKey(UUID deviceId, UUID firmId, UUID userId, byte[] publicKey, Instant now) {
        this.deviceId = deviceId;
        this.firmId = firmId;
        this.userId = userId;
        this.publicKey = publicKey;
        this.registeredAt = now;
    }

    void replace(byte[] publicKey, Instant now) {
        this.publicKey = publicKey;
        this.registeredAt = now;
    }

    UUID deviceId() {
        return deviceId;
    }

    byte[] publicKey() {
        return publicKey;
    }

    Instant registeredAt() {
        return registeredAt;
    }
}
