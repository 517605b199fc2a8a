package dev.lexguard.identity.twofactor;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The password and a code again, for changes to an active second factor. */
@Schema(name = "TwoFactorProofRequest")
public record ProofRequest(
        @Size(max = 1024) @Schema(example = "tide clock harbour lantern") String password,
        @Size(max = 64) @Schema(description = "TOTP code or recovery code", example = "492039") String code) {

    @Override
    public String toString() {
        return "ProofRequest[]";
    }
}
