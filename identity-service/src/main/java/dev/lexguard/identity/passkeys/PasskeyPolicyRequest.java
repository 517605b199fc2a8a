package dev.lexguard.identity.passkeys;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasskeyPolicyRequest")
public record PasskeyPolicyRequest(
        @NotNull @Schema(description = "Allow sign-in with a discoverable passkey alone (no password)") Boolean passwordless) {
}
