package dev.lexguard.identity.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A firm's rules for the mobile app: PIN required, wrong PINs before a wipe, days between full sign-ins, and whether
 * the phone must report a screen lock.
 */
@Entity
@Table(name = "device_policy")
public class DevicePolicy {

    static final boolean DEFAULT_PIN_REQUIRED = true;
    static final int DEFAULT_MAX_PIN_ATTEMPTS = 5;
    static final int DEFAULT_FULL_SIGN_IN_DAYS = 30;

    @Id
    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "pin_required", nullable = false)
    private boolean pinRequired;

    @Column(name = "max_pin_attempts", nullable = false)
    private int maxPinAttempts;

    @Column(name = "full_sign_in_days", nullable = false)
    private int fullSignInDays;

    @Column(name = "device_lock_required", nullable = false)
    private boolean deviceLockRequired;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DevicePolicy() {
    }

    private DevicePolicy(UUID firmId, boolean pinRequired, int maxPinAttempts, int fullSignInDays,
            boolean deviceLockRequired, Instant updatedAt) {
        this.firmId = firmId;
        this.deviceLockRequired = deviceLockRequired;
        this.pinRequired = pinRequired;
        this.maxPinAttempts = maxPinAttempts;
        this.fullSignInDays = fullSignInDays;
        this.updatedAt = updatedAt;
    }

    /** What applies to a firm whose administrators never set a policy. */
    static DevicePolicy defaults(UUID firmId) {
        return new DevicePolicy(firmId, DEFAULT_PIN_REQUIRED, DEFAULT_MAX_PIN_ATTEMPTS, DEFAULT_FULL_SIGN_IN_DAYS, false,
                null);
    }

    static DevicePolicy of(UUID firmId, boolean pinRequired, int maxPinAttempts, int fullSignInDays,
            boolean deviceLockRequired, Instant now) {
        return new DevicePolicy(firmId, pinRequired, maxPinAttempts, fullSignInDays, deviceLockRequired, now);
    }

    void set(boolean pinRequired, int maxPinAttempts, int fullSignInDays, boolean deviceLockRequired, Instant now) {
        this.pinRequired = pinRequired;
        this.deviceLockRequired = deviceLockRequired;
        this.maxPinAttempts = maxPinAttempts;
        this.fullSignInDays = fullSignInDays;
        this.updatedAt = now;
    }

    /** When a device whose last full sign-in was at {@code fullSignInAt} stops unlocking with its PIN. */
    Instant fullSignInDue(Instant fullSignInAt) {
        return fullSignInAt.plus(Duration.ofDays(fullSignInDays));
    }

    boolean pinRequired() {
        return pinRequired;
    }

    int maxPinAttempts() {
        return maxPinAttempts;
    }

    int fullSignInDays() {
        return fullSignInDays;
    }

    boolean deviceLockRequired() {
        return deviceLockRequired;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
