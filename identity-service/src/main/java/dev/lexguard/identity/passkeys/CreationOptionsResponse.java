package dev.lexguard.identity.passkeys;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * PublicKeyCredentialCreationOptions as JSON (WebAuthn Level 3's parseCreationOptionsFromJSON format): binary values
 * are base64url without padding.
 */
@Schema(name = "PasskeyCreationOptions")
public record CreationOptionsResponse(RelyingParty rp, UserEntity user,
        @Schema(description = "32 random bytes, base64url; good once, for a few minutes") String challenge,
        List<Algorithm> pubKeyCredParams, long timeout, List<CredentialDescriptor> excludeCredentials,
        Selection authenticatorSelection, @Schema(enumeration = "none") String attestation) {

    public record RelyingParty(String id, String name) {
    }

    /** {@code id} is the user's random handle (base64url), never the email or the user id. */
    public record UserEntity(String id, String name, String displayName) {
    }

    public record Algorithm(@Schema(enumeration = "public-key") String type, long alg) {
    }

    public record Selection(String residentKey, boolean requireResidentKey, String userVerification) {
    }
}
