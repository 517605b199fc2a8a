package dev.lexguard.identity.passkeys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A passkey as its owner sees it: never the key or the credential id. */
@Schema(name = "Passkey")
public record PasskeyResponse(UUID id, String name, Instant createdAt, Instant lastUsedAt, List<String> transports,
        @Schema(description = "A sign count went backwards: the passkey may have been cloned and is refused") boolean suspect) {

    static PasskeyResponse of(Passkey passkey) {
        return new PasskeyResponse(passkey.id(), passkey.name(), passkey.createdAt(), passkey.lastUsedAt(),
                passkey.transports(), passkey.isSuspect());
    }
}
