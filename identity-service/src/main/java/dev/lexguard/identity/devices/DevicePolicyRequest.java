package dev.lexguard.identity.devices;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DevicePolicyRequest")
public record DevicePolicyRequest(
        @NotNull @Schema(description = "Mobile sessions must be protected by an app PIN: a device without one cannot refresh its session") Boolean pinRequired,
        @NotNull @Min(3) @Max(10) @Schema(description = "Wrong PINs after which the device is wiped", example = "5") Integer maxPinAttempts,
        @NotNull @Min(1) @Max(365) @Schema(description = "Days after a full sign-in on the device after which the PIN no longer unlocks it", example = "30") Integer fullSignInDays,
        @Schema(description = "The phone must have a screen lock (as the app reports it): a device that reports none, or "
                + "nothing, gets no tokens at registration, unlock or refresh. False when absent", example = "true")
        Boolean deviceLockRequired) {

    boolean lockRequired() {
        return Boolean.TRUE.equals(deviceLockRequired);
    }
}
