package dev.lexguard.identity.passkeys;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new passkey: its name and the browser's registration response (PublicKeyCredential.toJSON()). */
@Schema(name = "RegisterPasskeyRequest")
public record RegisterPasskeyRequest(
        @NotBlank @Size(max = 64) @Schema(example = "MacBook Touch ID") String name,
        @NotNull @Schema(description = "The registration response: id, rawId, type, response.clientDataJSON, "
                + "response.attestationObject, response.transports, clientExtensionResults") JsonNode credential) {

    @Override
    public String toString() {
        return "RegisterPasskeyRequest[name=" + name + "]";
    }
}
