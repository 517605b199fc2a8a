package dev.lexguard.identity.devices;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RegisterDeviceRequest")
public record RegisterDeviceRequest(
        @NotNull @Schema(description = "A name the user recognises, up to 100 characters", example = "Ada's iPhone") String name,
        @NotNull @Schema(enumeration = {"ios", "android"}) String platform,
        @NotNull @Schema(description = "The app's version: digits, letters, dots, plus and minus, up to 32", example = "3.4.1") String appVersion,
        @Pattern(regexp = DeviceLock.VALUES, message = DeviceLock.VALUES_MESSAGE)
        @Schema(description = "The phone's screen lock as the app sees it; required when the firm requires a lock",
                enumeration = {"none", "passcode", "biometric"}, example = "biometric") String deviceLock) {
}
