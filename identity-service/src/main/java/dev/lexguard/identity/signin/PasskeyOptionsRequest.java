package dev.lexguard.identity.signin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Asks for passkey request options for the second sign-in step. */
@Schema(name = "PasskeyOptionsRequest")
public record PasskeyOptionsRequest(@NotBlank @Size(max = 128) String challengeToken) {

    @Override
    public String toString() {
        return "PasskeyOptionsRequest[]";
    }
}
