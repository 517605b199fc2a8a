package dev.lexguard.identity.signin;

import dev.lexguard.identity.devices.DeviceLock;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A firm user's refresh; a session on a registered device also carries the app's report of the phone's screen lock. */
@Schema(name = "AuthRefreshRequest")
public record AuthRefreshRequest(
        @NotNull @Size(max = 512) @Schema(example = "lgr_Qm9hdC1saWtlIGJ1dCB0aGlzIGlzIGp1c3QgYW4gZXhhbXBsZQ") String refreshToken,
        @Pattern(regexp = DeviceLock.VALUES, message = DeviceLock.VALUES_MESSAGE)
        @Schema(description = "Sessions on a registered device: the phone's screen lock as the app sees it now; required "
                + "when the firm requires a lock, ignored for other sessions", enumeration = {"none", "passcode", "biometric"},
                example = "passcode") String deviceLock) {

    @Override
    public String toString() {
        return "AuthRefreshRequest[deviceLock=" + deviceLock + "]";
    }
}
