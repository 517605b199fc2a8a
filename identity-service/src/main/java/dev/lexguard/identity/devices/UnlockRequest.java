package dev.lexguard.identity.devices;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Unlocking with the app PIN, and the app's report of the phone's screen lock. */
@Schema(name = "DeviceUnlockRequest")
public record UnlockRequest(@NotNull @Schema(description = "Exactly 4 digits", example = "4827") String pin,
        @Pattern(regexp = DeviceLock.VALUES, message = DeviceLock.VALUES_MESSAGE)
        @Schema(description = "The phone's screen lock as the app sees it; required when the firm requires a lock",
                enumeration = {"none", "passcode", "biometric"}, example = "biometric") String deviceLock) {

    @Override
    public String toString() {
        return "UnlockRequest[pin=****, deviceLock=" + deviceLock + "]";
    }
}
