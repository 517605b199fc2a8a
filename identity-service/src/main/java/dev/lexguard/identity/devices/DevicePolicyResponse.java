package dev.lexguard.identity.devices;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DevicePolicyResponse")
public record DevicePolicyResponse(boolean pinRequired, int maxPinAttempts, int fullSignInDays,
        @Schema(description = "The phone must report a screen lock to get tokens") boolean deviceLockRequired,
        @Schema(description = "Null while the firm uses the defaults") Instant updatedAt) {

    static DevicePolicyResponse of(DevicePolicy policy) {
        return new DevicePolicyResponse(policy.pinRequired(), policy.maxPinAttempts(), policy.fullSignInDays(),
                policy.deviceLockRequired(), policy.updatedAt());
    }
}
