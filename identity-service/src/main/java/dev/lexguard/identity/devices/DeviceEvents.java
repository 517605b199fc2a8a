package dev.lexguard.identity.devices;

import java.util.UUID;

/** Data of the device events: which device and user, never a PIN or a credential. */
final class DeviceEvents {

    static final String REGISTERED = "dev.lexguard.identity.device.registered";
    static final String PIN_SET = "dev.lexguard.identity.device.pinSet";
    static final String UNLOCKED = "dev.lexguard.identity.device.unlocked";
    static final String PIN_FAILED = "dev.lexguard.identity.device.pinFailed";
    static final String WIPED = "dev.lexguard.identity.device.wiped";
    static final String SIGNED_OUT = "dev.lexguard.identity.device.signedOut";
    static final String LOCK_MISSING = "dev.lexguard.identity.device.lockMissing";
    static final String POLICY_CHANGED = "dev.lexguard.identity.devicepolicy.changed";

    private DeviceEvents() {
    }

    record Registered(UUID deviceId, UUID userId, String name, String platform, String appVersion, UUID sessionId) {
    }

    record PinSet(UUID deviceId, UUID userId, boolean changed) {
    }

    record Unlocked(UUID deviceId, UUID userId, UUID sessionId, String clientIp) {
    }

    record PinFailed(UUID deviceId, UUID userId, int failedAttempts, int attemptsLeft, String clientIp) {
    }

    record Wiped(UUID deviceId, UUID userId, int failedAttempts, int sessionsEnded) {
    }

    record SignedOut(UUID deviceId, UUID userId, String by, int sessionsEnded) {
    }

    /**
     * The firm requires a screen lock and the app reported none (or nothing): no tokens. {@code deviceId} is null at
     * registration (no device yet); {@code during} is registration, unlock or refresh; {@code reported} is none or null.
     */
    record LockMissing(UUID deviceId, UUID userId, String during, String reported, UUID sessionId, String clientIp) {
    }

    /** Named for the app lock so no property is named like a secret ("pin"). */
    record PolicyChanged(boolean appLockRequired, int maxUnlockAttempts, int fullSignInDays,
            boolean deviceLockRequired) {

        static PolicyChanged of(DevicePolicy policy) {
            return new PolicyChanged(policy.pinRequired(), policy.maxPinAttempts(), policy.fullSignInDays(),
                    policy.deviceLockRequired());
        }
    }
}
