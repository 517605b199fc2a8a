package dev.lexguard.identity.devices;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DeviceResponse")
public record DeviceResponse(UUID id, UUID userId, String name,
        @Schema(enumeration = {"ios", "android"}) String platform,
        String appVersion,
        @Schema(enumeration = {"active", "wiped", "signed_out"}) String status,
        @Schema(description = "Whether the app PIN is set") boolean pinSet,
        Instant registeredAt,
        @Schema(description = "The last full sign-in (password and second factor) on the device") Instant fullSignInAt,
        @Schema(description = "After this the PIN no longer unlocks the device (null once it has ended)") Instant fullSignInDueAt,
        Instant lastUnlockedAt,
        @Schema(description = "When it was wiped or signed out") Instant endedAt,
        @Schema(description = "The phone's screen lock as the app last reported it (its own word, not attested); null "
                + "until it reports", enumeration = {"none", "passcode", "biometric"}) String deviceLock,
        @Schema(description = "When the app last reported the screen lock") Instant deviceLockReportedAt) {

    static DeviceResponse of(Device device, DevicePolicy policy) {
        return new DeviceResponse(device.id(), device.userId(), device.name(), device.platform(), device.appVersion(),
                device.status(), device.hasPin(), device.registeredAt(), device.fullSignInAt(),
                device.isActive() ? policy.fullSignInDue(device.fullSignInAt()) : null, device.lastUnlockedAt(),
                device.endedAt(), device.deviceLock(), device.deviceLockReportedAt());
    }
}
