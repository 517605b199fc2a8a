package dev.lexguard.identity.passkeys;

import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A PublicKeyCredentialDescriptor: a credential the browser should use (allowCredentials) or not make again (excludeCredentials). */
@Schema(name = "PasskeyCredentialDescriptor")
public record CredentialDescriptor(
        @Schema(enumeration = "public-key") String type,
        @Schema(description = "The credential id, base64url") String id,
        List<String> transports) {

    static CredentialDescriptor of(Passkey passkey) {
        return new CredentialDescriptor("public-key", Base64.getUrlEncoder().withoutPadding().encodeToString(
                passkey.credentialId()), passkey.transports());
    }
}
