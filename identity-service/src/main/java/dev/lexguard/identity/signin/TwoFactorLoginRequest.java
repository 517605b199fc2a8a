package dev.lexguard.identity.signin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The second sign-in step: the challenge from {@code two_factor_required} and either a TOTP code or a recovery code. */
@Schema(name = "TwoFactorLoginRequest")
public record TwoFactorLoginRequest(
        @NotNull @Size(max = 256) @Schema(example = "lgc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE") String challengeToken,
        @Size(max = 64) @Schema(description = "TOTP code (or give recoveryCode)", example = "492039") String code,
        @Size(max = 64) @Schema(description = "A recovery code (or give code)", example = "7KQM-4XRT-9HVB-2NCD") String recoveryCode) {

    @Override
    public String toString() {
        return "TwoFactorLoginRequest[]";
    }
}
