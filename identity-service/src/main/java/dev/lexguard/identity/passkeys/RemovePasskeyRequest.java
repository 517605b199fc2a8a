package dev.lexguard.identity.passkeys;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Removing the user's last second factor also needs the password. */
@Schema(name = "RemovePasskeyRequest")
public record RemovePasskeyRequest(
        @Size(max = 1024) @Schema(description = "Required when this passkey is the user's last second factor")
        String password) {

    @Override
    public String toString() {
        return "RemovePasskeyRequest[]";
    }
}
