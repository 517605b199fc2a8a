package dev.lexguard.identity.signin;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The second sign-in step with a passkey: the challenge token of {@code two_factor_required} and the assertion. */
@Schema(name = "PasskeyLoginRequest")
public record PasskeyLoginRequest(
        @NotBlank @Size(max = 128) String challengeToken,
        @NotNull @Schema(description = "The browser's assertion (PublicKeyCredential.toJSON()): id, rawId, type, "
                + "response.clientDataJSON, response.authenticatorData, response.signature, response.userHandle")
        JsonNode credential) {

    @Override
    public String toString() {
        return "PasskeyLoginRequest[]";
    }
}
