package dev.lexguard.identity.passwords;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The token travels in the body, not the path, so proxies and access logs never see it. */
@Schema(name = "CompletePasswordResetRequest")
public record CompleteResetRequest(
        @NotNull @Size(max = 256) @Schema(example = "lgp_x8Jd0Kq1VZrN2mWcA4bT7yHs3LuE6fGpQi9oRkXw5Dn") String token,
        @NotNull @Size(max = 1024) @Schema(example = "copper kettle morning fog", minLength = 12, maxLength = 256) String newPassword,
        @Size(max = 64) @Schema(description = "TOTP or recovery code; required when two-factor authentication is on") String code) {

    @Override
    public String toString() {
        return "CompleteResetRequest[...]";
    }
}
