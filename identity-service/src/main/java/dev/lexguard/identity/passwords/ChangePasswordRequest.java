package dev.lexguard.identity.passwords;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ChangePasswordRequest")
public record ChangePasswordRequest(
        @NotNull @Size(max = 1024) @Schema(example = "tide clock harbour lantern") String currentPassword,
        @NotNull @Size(max = 1024) @Schema(example = "copper kettle morning fog", minLength = 12, maxLength = 256) String newPassword,
        @Size(max = 64) @Schema(description = "TOTP or recovery code; required when two-factor authentication is on", example = "492039") String code,
        @Schema(description = "End every other session of the user (default true; false keeps them)") Boolean endOtherSessions) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[endOtherSessions=" + endOtherSessions + "]";
    }
}
