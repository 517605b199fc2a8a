package dev.lexguard.identity.passkeys;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** PublicKeyCredentialRequestOptions as JSON (parseRequestOptionsFromJSON format): binary values base64url. */
@Schema(name = "PasskeyRequestOptions")
public record RequestOptionsResponse(
        @Schema(description = "32 random bytes, base64url; good once, for a few minutes") String challenge,
        long timeout, String rpId, List<CredentialDescriptor> allowCredentials,
        @Schema(enumeration = "required") String userVerification) {
}
