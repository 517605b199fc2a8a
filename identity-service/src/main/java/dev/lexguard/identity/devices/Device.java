package dev.lexguard.identity.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

/**
 * A registered mobile device: the SHA-256 of its device-bound credential (null once wiped or signed out), the
 * Argon2id hash of its app PIN, the run of wrong PINs and the app's last report of the phone's screen lock.
 */
@Entity
@Table(name = "device")
public class Device {

    static final String ACTIVE = "active";
    static final String WIPED = "wiped";
    static final String SIGNED_OUT = "signed_out";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String platform;

    @Column(name = "app_version", nullable = false)
    private String appVersion;

    @Column(name = "credential_hash")
    private byte[] credentialHash;

    @Column(name = "pin_hash")
    private String pinHash;

    @Column(name = "pin_failures", nullable = false)
    private int pinFailures;

    @Column(nullable = false)
    private String status;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "full_sign_in_at", nullable = false)
    private Instant fullSignInAt;

    @Column(name = "last_unlocked_at")
    private Instant lastUnlockedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "device_lock")
    private String deviceLock;

    @Column(name = "device_lock_reported_at")
    private Instant deviceLockReportedAt;

    protected Device() {
    }

    Device(UUID firmId, UUID userId, String name, String platform, String appVersion, byte[] credentialHash,
            Instant fullSignInAt, Instant now) {
        this.id = UUID.randomUUID();
        this.firmId = firmId;
        this.userId = userId;
        this.name = name;
        this.platform = platform;
        this.appVersion = appVersion;
        this.credentialHash = credentialHash;
        this.status = ACTIVE;
        this.registeredAt = now;
        this.fullSignInAt = fullSignInAt;
    }

    boolean isActive() {
        return ACTIVE.equals(status) && credentialHash != null;
    }

    /** Constant-time comparison with the presented credential's hash. */
    boolean credentialMatches(byte[] presentedHash) {
        return isActive() && MessageDigest.isEqual(credentialHash, presentedHash);
    }

    boolean hasPin() {
        return pinHash != null;
    }

    void setPin(String hash) {
        this.pinHash = hash;
        this.pinFailures = 0;
    }

    void unlocked(Instant now) {
        this.pinFailures = 0;
        this.lastUnlockedAt = now;
    }

    /** The app's report of the phone's screen lock (ignored when it sent none). */
    void lockReported(String lock, Instant now) {
        if (lock != null) {
            this.deviceLock = lock;
            this.deviceLockReportedAt = now;
        }
    }

    /** One more wrong PIN; the count after it. */
    int wrongPin() {
        return ++pinFailures;
    }

    /** The credential is revoked for good; the device needs a new registration after a full sign-in. */
    void end(String why, Instant now) {
        this.status = why;
        this.credentialHash = null;
        this.endedAt = now;
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

    String name() {
        return name;
    }

    String platform() {
        return platform;
    }

    String appVersion() {
        return appVersion;
    }

    String pinHash() {
        return pinHash;
    }

    int pinFailures() {
        return pinFailures;
    }

    String status() {
        return status;
    }

    Instant registeredAt() {
        return registeredAt;
    }

    Instant fullSignInAt() {
        return fullSignInAt;
    }

    Instant lastUnlockedAt() {
        return lastUnlockedAt;
    }

    Instant endedAt() {
        return endedAt;
    }

    String deviceLock() {
        return deviceLock;
    }

    Instant deviceLockReportedAt() {
        return deviceLockReportedAt;
    }
}
