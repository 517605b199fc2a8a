package dev.lexguard.identity.signin;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A step-up: the signed-in user proves a second factor again, with a TOTP code, a recovery code or a passkey. */
@Schema(name = "StepUpRequest")
public record StepUpRequest(
        @Size(max = 64) @Schema(description = "TOTP code (or give recoveryCode)", example = "492039") String code,
        @Size(max = 64) @Schema(description = "A recovery code (or give code)", example = "7KQM-4XRT-9HVB-2NCD") String recoveryCode,
        @Schema(description = "A passkey assertion (PublicKeyCredential.toJSON()) answering the options of "
                + "POST /api/v1/auth/step-up/passkey-options") JsonNode passkey) {

    @Override
    public String toString() {
        return "StepUpRequest[]";
    }
}
