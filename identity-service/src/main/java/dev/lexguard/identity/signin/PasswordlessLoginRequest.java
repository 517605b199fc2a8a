package dev.lexguard.identity.signin;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A passwordless sign-in: the assertion of a discoverable passkey, which names the user by its user handle. */
@Schema(name = "PasswordlessLoginRequest")
public record PasswordlessLoginRequest(
        @NotNull @Schema(description = "The browser's assertion (PublicKeyCredential.toJSON()), with response.userHandle")
        JsonNode credential) {

    @Override
    public String toString() {
        return "PasswordlessLoginRequest[]";
    }
}
